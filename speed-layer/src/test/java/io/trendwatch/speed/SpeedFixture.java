package io.trendwatch.speed;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.trendwatch.core.config.KafkaAddress;
import io.trendwatch.core.generate.Corpus;
import io.trendwatch.core.generate.GeneratorSpec;
import io.trendwatch.core.generate.StreamGenerator;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.source.SemEvalTweet;
import io.trendwatch.core.testing.Await;
import io.trendwatch.core.testing.SharedData;
import io.trendwatch.store.views.Tables;
import io.trendwatch.core.post.PostCodec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** What the speed layer's integration tests share: real tweets to build streams from, and reading the views back. */
final class SpeedFixture {

    static final String BOOTSTRAP = KafkaAddress.bootstrap(System.getenv());
    private static final PostCodec CODEC = new PostCodec();

    private SpeedFixture() {
    }

    /**
     * What one test names of its own (a topic and its dead-letter topic, a keyspace, a query), so the tests share
     * the suite's Kafka and Cassandra and nothing else: any order, or side by side.
     */
    record Run(String name) {

        static Run named(String prefix) {
            return new Run(prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
        }

        String topic() {
            return "posts-" + name;
        }

        String deadLetterTopic() {
            return topic() + "-dlq";
        }

        String keyspace() {
            return "tw_" + name;
        }

        /** The arguments of {@code speed start} for this run, then {@code more}. */
        String[] args(String... more) {
            List<String> args = new ArrayList<>(List.of("--topic", topic(), "--dlq-topic", deadLetterTopic(),
                    "--keyspace", keyspace(), "--query-name", name));
            args.addAll(List.of(more));
            return args.toArray(String[]::new);
        }
    }

    /** A producer of raw records to the suite's broker, waiting for every in-sync replica as the tools do. */
    static KafkaProducer<byte[], byte[]> producer() {
        return producer(BOOTSTRAP);
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 10), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Publishes {@code posts} to {@code topic}, created first with the broker's defaults (a topic made by the first
     * record races its own leader election on a new broker), and fails unless the broker acknowledged every record:
     * a test must not count on posts that never reached the topic.
     */
    static void publish(String bootstrap, String topic, List<Post> posts) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty()))).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            for (Post p : posts) {
                sent.add(producer.send(new ProducerRecord<>(topic, p.id().getBytes(StandardCharsets.UTF_8), CODEC.encode(p))));
            }
            producer.flush();
        }
        List<String> failed = new ArrayList<>();
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get();
            } catch (ExecutionException e) {
                failed.add(e.getCause().toString());
            }
        }
        if (!failed.isEmpty()) {
            throw new AssertionError(failed.size() + " of " + posts.size() + " posts were not acknowledged by " + bootstrap
                    + ", the first: " + failed.get(0));
        }
    }

    /** A generated stream of {@code rate} posts a second for ten minutes from {@code start}, texts from {@code corpus}. */
    static List<Post> generated(Corpus corpus, double rate, String start, long seed) throws Exception {
        List<Post> out = new ArrayList<>();
        new StreamGenerator(GeneratorSpec.of(rate, Duration.ofMinutes(10), Instant.parse(start), seed), corpus)
                .generate((second, batch) -> out.addAll(batch));
        return out;
    }

    /** The real tweets of SemEval's 2016 training file, the corpus the generated streams draw their texts from. */
    static List<Post> realPosts() throws Exception {
        List<Post> out = new ArrayList<>();
        for (String line : Files.readString(SharedData.subtaskA().resolve("twitter-2016train-A.tsv")).split("\n")) {
            if (!line.isBlank()) {
                out.add(SemEvalTweet.parse(line).toPost());
            }
        }
        return out;
    }

    /** Posts in the speed view's minute totals; -1 while the keyspace does not exist yet. */
    static long totalPosts(CqlSession session, String keyspace) {
        try {
            long n = 0;
            for (Row r : session.execute("SELECT posts FROM " + Tables.SPEED_BUCKET_TOTALS.in(keyspace))) {
                n += r.getLong("posts");
            }
            return n;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** A number column of the query's speed status row; -1 when there is none yet. */
    static long statusLong(CqlSession session, String keyspace, String query, String column) {
        try {
            Row r = session.execute("SELECT " + column + " FROM " + Tables.SPEED_STATUS.in(keyspace) + " WHERE query = ?", query).one();
            return r == null || r.isNull(0) ? -1 : r.getLong(0);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Waits for {@code condition}; fails with the speed layer's log if it exits or the limit passes. */
    static void await(Duration limit, BooleanSupplier condition, SpeedProcess speed) throws Exception {
        Await.until(limit, condition::getAsBoolean, "the speed layer", speed::isAlive, speed::log);
    }
}
