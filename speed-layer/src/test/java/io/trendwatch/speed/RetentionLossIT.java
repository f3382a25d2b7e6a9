package io.trendwatch.speed;

import io.trendwatch.speed.SpeedFixture.Run;
import static io.trendwatch.speed.SpeedFixture.BOOTSTRAP;
import static io.trendwatch.speed.SpeedFixture.generated;
import static io.trendwatch.speed.SpeedFixture.realPosts;
import static io.trendwatch.speed.SpeedFixture.statusLong;
import static io.trendwatch.speed.SpeedFixture.totalPosts;

import com.datastax.oss.driver.api.core.cql.Row;
import io.trendwatch.core.generate.Corpus;
import io.trendwatch.core.generate.GeneratorSpec;
import io.trendwatch.core.generate.StreamGenerator;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.post.PostCodec;
import io.trendwatch.store.views.Tables;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records the speed layer had not read yet are deleted from the topic, as retention deletes them
 * (the broker's delete-records, which moves the log start the same way): the next start fails and
 * names the lost offsets; with --accept-data-loss it counts what is left exactly and reports the
 * loss in the speed status row.
 */
class RetentionLossIT {

    private static final PostCodec CODEC = new PostCodec();
    private static final int DELETED_PER_PARTITION = 150;
    @RegisterExtension
    static final SuiteCassandra CASSANDRA = new SuiteCassandra();

    @Test
    void offsetsDeletedBeforeTheyWereReadFailTheQueryUnlessTheLossIsAcceptedAndThenCounted(@TempDir Path dir) throws Exception {
        Run run = Run.named("lost");
        String topic = run.topic();
        String keyspace = run.keyspace();
        Corpus corpus = Corpus.of(realPosts());
        String[] args = run.args("--checkpoint-dir", dir.resolve("ck").toString());

        List<Post> first = generated(corpus, 5, "2016-11-25T12:00:00Z", 1);
        send(topic, first);
        try (SpeedProcess speed = SpeedProcess.start(dir.resolve("first.log"), args)) {
            awaitTotal(keyspace, distinct(first), speed);
            speed.terminate();
        }
        // more posts arrive while the speed layer is down, and retention deletes the oldest of them
        Map<TopicPartition, Long> readUpTo = endOffsets(topic);
        send(topic, generated(corpus, 5, "2016-11-25T12:10:00Z", 2));
        Map<TopicPartition, RecordsToDelete> deletion = new HashMap<>();
        readUpTo.forEach((tp, end) -> deletion.put(tp, RecordsToDelete.beforeOffset(end + DELETED_PER_PARTITION)));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            admin.deleteRecords(deletion).all().get(30, TimeUnit.SECONDS);
        }
        long deleted = (long) DELETED_PER_PARTITION * readUpTo.size();

        // by default the query fails and says which offsets are gone
        try (SpeedProcess refused = SpeedProcess.start(dir.resolve("refused.log"), args)) {
            assertThat(refused.waitFor(Duration.ofMinutes(3))).as("exits by itself: %s", refused.log()).isTrue();
            String log = refused.log();
            System.out.println("RetentionLossIT: default start: exit " + refused.exitValue() + ": "
                    + log.lines().filter(l -> l.contains("were deleted by the topic's retention")).findFirst().orElse("(no message)"));
            assertThat(refused.exitValue()).isEqualTo(1);
            assertThat(log).contains("were deleted by the topic's retention before the speed layer read them")
                    .contains("--accept-data-loss");
            // the stop line itself names a partition and its offsets
            String stop = log.lines().filter(l -> l.contains("were deleted by the topic's retention")).findFirst().orElseThrow();
            readUpTo.forEach((tp, end) -> assertThat(stop).contains(tp.topic() + "-" + tp.partition() + " offsets " + end + " to "
                    + (end + DELETED_PER_PARTITION - 1) + " (" + DELETED_PER_PARTITION + " records)"));
        }

        // the operator accepts the loss: the posts counted before stay, what is left is counted, the loss is reported
        List<Post> counted = new ArrayList<>(first);
        counted.addAll(readTopic(topic));
        try (SpeedProcess accepted = SpeedProcess.start(dir.resolve("accepted.log"),
                run.args("--checkpoint-dir", dir.resolve("ck").toString(), "--accept-data-loss"))) {
            awaitTotal(keyspace, distinct(counted), accepted);
            long lost = statusLong(CASSANDRA.session(), keyspace, run.name(), "lost_records");
            System.out.printf("RetentionLossIT: %d records deleted, %d reported lost%n", deleted, lost);
            assertThat(lost).isEqualTo(deleted);
            accepted.terminate();
        }
        CASSANDRA.session().execute("DROP KEYSPACE IF EXISTS " + keyspace);
    }

    /**
     * The runbook's replay: a new checkpoint from the earliest offsets, over a topic whose first records
     * retention deleted after they were counted. Minutes whose posts are partly gone keep their complete
     * counts; every later minute is rewritten, equal.
     */
    @Test
    void aReplayFromEarliestOverATrimmedTopicNeverOverwritesACompleteCount(@TempDir Path dir) throws Exception {
        Run run = Run.named("replay");
        String topic = run.topic();
        String keyspace = run.keyspace();
        // posts of the last 40 minutes, each sent with its own time as its Kafka timestamp (as a live stream has)
        Instant start = Instant.now().minus(Duration.ofMinutes(40)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        List<Post> posts = new ArrayList<>();
        new StreamGenerator(GeneratorSpec.of(3, Duration.ofMinutes(30), start, 5), Corpus.of(realPosts()))
                .generate((second, batch) -> posts.addAll(batch));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 10), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Post p : posts) {
                producer.send(new ProducerRecord<>(topic, 0, p.createdAt().toEpochMilli(), p.id().getBytes(StandardCharsets.UTF_8),
                        CODEC.encode(p)));
            }
            producer.flush();
        }
        ExpectedViews expected = ExpectedViews.of(posts);
                try (SpeedProcess speed = SpeedProcess.start(dir.resolve("first.log"),
                run.args("--checkpoint-dir", dir.resolve("ck1").toString()))) {
            awaitTotal(keyspace, expected.distinctPosts(), speed);
            speed.terminate();
        }
        // retention deletes the first third of the topic, long after it was counted; the checkpoint is lost
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(posts.size() / 3)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        Instant replayStart = Instant.now();
        try (SpeedProcess replay = SpeedProcess.start(dir.resolve("replay.log"),
                run.args("--checkpoint-dir", dir.resolve("ck2").toString(), "--starting-offsets", "earliest"))) {
            // the replay is done once the newest minute was rewritten
            Instant newest = posts.stream().map(Post::createdAt).max(Instant::compareTo).orElseThrow()
                    .truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
            long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
            while (!rewrittenSince(keyspace, newest, replayStart)) {
                assertThat(replay.isAlive()).as("replay running: %s", replay.log()).isTrue();
                assertThat(System.nanoTime()).as("replay done in time: %s", replay.log()).isLessThan(deadline);
                Thread.sleep(500);
            }
            Thread.sleep(3000);
            assertThat(replay.log()).contains("replay over a topic trimmed by retention");
            replay.terminate();
        }
        // every count is the complete one: the partly deleted minutes were left alone, the rest rewritten equal
        Map<ExpectedViews.Key, Long> actual = new HashMap<>();
        long rewritten = 0;
        for (Row r : CASSANDRA.session().execute("SELECT term, bucket, posts, updated_at FROM " + Tables.SPEED_TERM_COUNTS.in(keyspace))) {
            actual.put(new ExpectedViews.Key(r.getString("term"), r.getInstant("bucket")), r.getLong("posts"));
            rewritten += r.getInstant("updated_at").isAfter(replayStart) ? 1 : 0;
        }
        System.out.printf("RetentionLossIT: replay over a trimmed topic rewrote %d of %d (term, minute) rows%n", rewritten, actual.size());
        assertThat(actual).isEqualTo(expected.termCounts);
        assertThat(rewritten).isPositive().isLessThan(actual.size());
        CASSANDRA.session().execute("DROP KEYSPACE IF EXISTS " + keyspace);
    }

    private static boolean rewrittenSince(String keyspace, Instant bucket, Instant since) {
        try {
            Row r = CASSANDRA.session().execute("SELECT updated_at FROM " + Tables.SPEED_BUCKET_TOTALS.in(keyspace) + " WHERE step = 'minute' AND period = ? "
                    + "AND bucket = ?", io.trendwatch.core.time.Granularity.MINUTE.periodStart(bucket), bucket).one();
            return r != null && r.getInstant(0).isAfter(since);
        } catch (RuntimeException e) {
            return false;
        }
    }


    private static long distinct(List<Post> posts) {
        return posts.stream().map(Post::id).distinct().count();
    }


    /**
     * Every post acknowledged, or the test fails here. Not idempotent: a broker under the suite's load
     * has answered a new topic's first batches with OUT_OF_ORDER_SEQUENCE_NUMBER until the delivery
     * timeout, and the idempotent producer dropped them; a post sent twice is counted once (by its id).
     */
    private static void send(String topic, List<Post> posts) throws Exception {
        List<Post> pending = posts;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            assertThat(attempt).as("posts still not acknowledged: %d", pending.size()).isLessThanOrEqualTo(3);
            List<Post> failed = new ArrayList<>();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 10,
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false), new ByteArraySerializer(), new ByteArraySerializer())) {
                List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> acks = new ArrayList<>();
                for (Post p : pending) {
                    acks.add(producer.send(new ProducerRecord<>(topic, p.id().getBytes(StandardCharsets.UTF_8), CODEC.encode(p))));
                }
                producer.flush();
                for (int i = 0; i < acks.size(); i++) {
                    try {
                        acks.get(i).get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        failed.add(pending.get(i));
                    }
                }
            }
            pending = failed;
        }
    }

    private static Map<TopicPartition, Long> endOffsets(String topic) {
        try (KafkaConsumer<byte[], byte[]> c = consumer()) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            return new HashMap<>(c.endOffsets(parts));
        }
    }

    /** Every post still in the topic, from its earliest offset on. */
    private static List<Post> readTopic(String topic) {
        List<Post> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = consumer()) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.currentTimeMillis() + 30_000;
            while (parts.stream().anyMatch(p -> c.position(p) < end.get(p)) && System.currentTimeMillis() < deadline) {
                c.poll(Duration.ofMillis(500)).forEach(r -> out.add(((io.trendwatch.core.post.ParseResult.Accepted) CODEC.parse(r.value())).post()));
            }
        }
        return out;
    }

    private static KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    private static void awaitTotal(String keyspace, long expected, SpeedProcess speed) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (totalPosts(CASSANDRA.session(), keyspace) != expected) {
            if (!speed.isAlive()) {
                throw new AssertionError("the speed layer exited:\n" + speed.log());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("views hold " + totalPosts(CASSANDRA.session(), keyspace) + " posts, not " + expected + "; log:\n" + speed.log());
            }
            Thread.sleep(500);
        }
        Thread.sleep(3000);
        assertThat(totalPosts(CASSANDRA.session(), keyspace)).isEqualTo(expected);
    }

}
