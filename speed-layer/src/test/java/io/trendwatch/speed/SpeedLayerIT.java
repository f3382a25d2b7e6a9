package io.trendwatch.speed;

import io.trendwatch.speed.SpeedFixture.Run;
import static io.trendwatch.speed.SpeedFixture.BOOTSTRAP;
import static io.trendwatch.speed.SpeedFixture.await;
import static io.trendwatch.speed.SpeedFixture.producer;
import static io.trendwatch.speed.SpeedFixture.publish;
import static io.trendwatch.speed.SpeedFixture.realPosts;
import static io.trendwatch.speed.SpeedFixture.statusLong;
import static io.trendwatch.speed.SpeedFixture.totalPosts;

import com.datastax.oss.driver.api.core.cql.Row;
import io.trendwatch.core.generate.Corpus;
import io.trendwatch.core.generate.GeneratorSpec;
import io.trendwatch.core.generate.StreamGenerator;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.post.PostCodec;
import io.trendwatch.core.source.SemEvalTweet;
import io.trendwatch.core.testing.SharedData;
import io.trendwatch.store.views.Tables;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The speed layer against the real Kafka and Cassandra of bin/test, run as its
 * own process exactly as `trendwatch speed start` runs it.
 */
class SpeedLayerIT {

    private static final PostCodec CODEC = new PostCodec();
    @RegisterExtension
    static final SuiteCassandra CASSANDRA = new SuiteCassandra();

    /** Real SemEval tweets (real timestamps, duplicates included), with malformed records between them. */
    @Test
    void countsRealTweetsExactlySendsBadRecordsToTheDlqAndCountsLatePosts(@TempDir Path dir) throws Exception {
        Run run = Run.named("it");
        String topic = run.topic();
        String keyspace = run.keyspace();

        List<Post> posts = new ArrayList<>();
        for (Path f : SharedData.tsvFiles(SharedData.subtaskA())) {
            for (String line : Files.readString(f).split("\n")) {
                if (!line.isBlank()) {
                    posts.add(SemEvalTweet.parse(line).toPost());
                }
            }
        }
        posts.sort(Comparator.comparing(Post::createdAt));
        Map<String, byte[]> bad = new java.util.LinkedHashMap<>();
        // first, so every post after it must still be counted: a post from 2099 must not move the watermark
        bad.put("FUTURE_TIMESTAMP", CODEC.encode(Post.ofText("future-1", "twitter", "a", "#fromthefuture hello", "en",
                Instant.parse("2099-01-01T00:00:00Z"))));
        bad.put("MALFORMED_JSON", "{\"id\":\"x1\",".getBytes(StandardCharsets.UTF_8));
        bad.put("WRONG_TYPE", "{\"id\":42,\"platform\":\"t\",\"author\":\"a\",\"text\":\"x\",\"created_at\":\"2015-01-01T00:00:00Z\"}".getBytes(StandardCharsets.UTF_8));
        bad.put("MISSING_FIELD", "{\"platform\":\"t\",\"author\":\"a\",\"text\":\"x\",\"created_at\":\"2015-01-01T00:00:00Z\"}".getBytes(StandardCharsets.UTF_8));
        bad.put("TEXT_TOO_LONG", ("{\"id\":\"x4\",\"platform\":\"t\",\"author\":\"a\",\"text\":\"" + "#huge ".repeat(3000)
                + "\",\"created_at\":\"2015-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8));
        bad.put("INVALID_UTF8", new byte[]{'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});

        Map<String, Long> badOffsets = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            int i = 0;
            List<String> reasons = new ArrayList<>(bad.keySet());
            for (Post p : posts) {
                producer.send(new ProducerRecord<>(topic, p.id().getBytes(StandardCharsets.UTF_8), CODEC.encode(p)));
                if (++i % 8_000 == 0 && !reasons.isEmpty()) {
                    String reason = reasons.remove(0);
                    var meta = producer.send(new ProducerRecord<>(topic, ("bad-" + reason).getBytes(StandardCharsets.UTF_8), bad.get(reason))).get();
                    badOffsets.put(reason, meta.offset());
                }
            }
            producer.flush();
        }
        assertThat(badOffsets).hasSize(6);

        ExpectedViews expected = ExpectedViews.of(posts);
        assertThat(expected.distinctPosts()).isEqualTo(posts.stream().map(Post::id).distinct().count());

        try (SpeedProcess speed = SpeedProcess.start(dir.resolve("speed.log"),
                run.args("--checkpoint-dir", dir.resolve("ck").toString(), "--max-offsets-per-trigger", "1000000"))) {
            awaitTotals(keyspace, expected.distinctPosts(), speed);
            assertViewsEqual(keyspace, expected);

            // a post a day older than everything seen is too late for the speed layer
            Instant newest = posts.get(posts.size() - 1).createdAt();
            Post late = Post.ofText("late-1", "twitter", "a", "#latecomer arrives", "en", newest.minus(Duration.ofDays(1)));
            Post fresh = Post.ofText("fresh-1", "twitter", "a", "#freshcomer arrives", "en", newest.plusSeconds(60));
            try (KafkaProducer<byte[], byte[]> producer = producer()) {
                producer.send(new ProducerRecord<>(topic, late.id().getBytes(), CODEC.encode(late))).get();
                producer.send(new ProducerRecord<>(topic, fresh.id().getBytes(), CODEC.encode(fresh))).get();
            }
            await(Duration.ofSeconds(90), () -> countRows(keyspace, "#freshcomer") == 1, speed);
            await(Duration.ofSeconds(30), () -> statusLong(CASSANDRA.session(), keyspace, run.name(), "late_records") >= 1, speed);
            assertThat(countRows(keyspace, "#latecomer")).isZero();
            assertThat(statusLong(CASSANDRA.session(), keyspace, run.name(), "dlq_records")).isEqualTo(6);
            assertThat(countRows(keyspace, "#fromthefuture")).isZero();
            long accepted = statusLong(CASSANDRA.session(), keyspace, run.name(), "accepted_posts");
            long rows = statusLong(CASSANDRA.session(), keyspace, run.name(), "rows_written");
            System.out.printf("speed layer: %d accepted posts, %d Cassandra rows written, %.2f rows per post%n",
                    accepted, rows, (double) rows / accepted);

            assertThat(speed.terminate()).as("exit code after SIGTERM").isIn(0, 143);
            assertThat(speed.log()).contains("stopping the speed layer");
        }

        Map<String, ConsumerRecord<byte[], byte[]>> dead = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(run.deadLetterTopic(), 6)) {
            dead.put(header(r, "reason"), r);
        }
        assertThat(dead.keySet()).containsExactlyInAnyOrderElementsOf(bad.keySet());
        for (var e : bad.entrySet()) {
            ConsumerRecord<byte[], byte[]> r = dead.get(e.getKey());
            assertThat(r.value()).as("original bytes").isEqualTo(e.getValue());
            assertThat(header(r, "source.offset")).isEqualTo(Long.toString(badOffsets.get(e.getKey())));
            assertThat(header(r, "source.topic")).isEqualTo(topic);
            assertThat(header(r, "detail")).isNotBlank();
        }
        CASSANDRA.session().execute("DROP KEYSPACE IF EXISTS " + keyspace);
    }

    /** SIGKILL mid-stream, restart from the checkpoint: the final views equal the exact counts. */
    @Test
    void aKilledAndRestartedRunEndsWithTheSameViews(@TempDir Path dir) throws Exception {
        Run run = Run.named("kill");
        String keyspace = run.keyspace();
        List<Post> posts = new ArrayList<>();
        Corpus corpus = Corpus.of(realPosts());
        new StreamGenerator(GeneratorSpec.of(40, Duration.ofMinutes(10), Instant.parse("2016-11-25T12:00:00Z"), 11), corpus)
                .generate((second, batch) -> posts.addAll(batch));
        publish(BOOTSTRAP, run.topic(), posts);
        ExpectedViews expected = ExpectedViews.of(posts);
        String[] args = run.args("--checkpoint-dir", dir.resolve("ck").toString(), "--max-offsets-per-trigger", "1500");

        try (SpeedProcess first = SpeedProcess.start(dir.resolve("first.log"), args)) {
            await(Duration.ofSeconds(150), () -> statusLong(CASSANDRA.session(), keyspace, run.name(), "batch_id") >= 3, first);
            first.kill();
        }
        long before = totalPosts(CASSANDRA.session(), keyspace);
        assertThat(before).as("killed mid-stream").isGreaterThan(0).isLessThan(expected.distinctPosts());
        try (SpeedProcess second = SpeedProcess.start(dir.resolve("second.log"), args)) {
            awaitTotals(keyspace, expected.distinctPosts(), second);
            assertViewsEqual(keyspace, expected);
            second.terminate();
        }
        CASSANDRA.session().execute("DROP KEYSPACE IF EXISTS " + keyspace);
    }

    private static void assertViewsEqual(String keyspace, ExpectedViews expected) {
        Map<ExpectedViews.Key, Long> actual = new HashMap<>();
        for (Row r : CASSANDRA.session().execute("SELECT term, bucket, posts FROM " + Tables.SPEED_TERM_COUNTS.in(keyspace))) {
            actual.put(new ExpectedViews.Key(r.getString("term"), r.getInstant("bucket")), r.getLong("posts"));
        }
        assertThat(actual).hasSameSizeAs(expected.termCounts);
        assertThat(actual).isEqualTo(expected.termCounts);
        Map<Instant, Long> totals = new HashMap<>();
        for (Row r : CASSANDRA.session().execute("SELECT bucket, posts FROM " + Tables.SPEED_BUCKET_TOTALS.in(keyspace))) {
            totals.put(r.getInstant("bucket"), r.getLong("posts"));
        }
        assertThat(totals).isEqualTo(expected.totals);
    }

    private static void awaitTotals(String keyspace, long expected, SpeedProcess speed) throws Exception {
        await(Duration.ofSeconds(240), () -> totalPosts(CASSANDRA.session(), keyspace) == expected, speed);
        Thread.sleep(3000);   // a batch still in flight must not add anything
        assertThat(totalPosts(CASSANDRA.session(), keyspace)).isEqualTo(expected);
    }

    private static long countRows(String keyspace, String term) {
        long n = 0;
        for (Row ignored : CASSANDRA.session().execute("SELECT bucket FROM " + Tables.SPEED_TERM_COUNTS.in(keyspace) + " WHERE term = ? ALLOW FILTERING", term)) {
            n++;
        }
        return n;
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String key) {
        Header h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.currentTimeMillis() + 20_000;
            while (out.size() < expected && System.currentTimeMillis() < deadline) {
                c.poll(Duration.ofMillis(500)).forEach(out::add);
            }
            c.poll(Duration.ofSeconds(1)).forEach(out::add);
        }
        return out;
    }
}
