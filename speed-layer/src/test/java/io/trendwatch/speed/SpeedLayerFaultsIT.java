package io.trendwatch.speed;

import io.trendwatch.core.testing.LoopbackProxy;
import io.trendwatch.speed.SpeedFixture.Run;
import static io.trendwatch.speed.SpeedFixture.generated;
import static io.trendwatch.speed.SpeedFixture.publish;
import static io.trendwatch.speed.SpeedFixture.await;
import static io.trendwatch.speed.SpeedFixture.realPosts;
import static io.trendwatch.speed.SpeedFixture.statusLong;
import static io.trendwatch.speed.SpeedFixture.totalPosts;

import com.datastax.oss.driver.api.core.cql.Row;
import io.trendwatch.core.generate.Corpus;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.testing.TestServices;
import io.trendwatch.store.views.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The speed layer, run as `trendwatch speed start` runs it, while Cassandra is taken away from it (through a
 * proxy, the suite's own keeps running) and its broker, one of this test's own, is stopped and started under it:
 * it waits and goes on by itself,
 * stops on SIGTERM within 15 s with the broker away, resumes from its checkpoint, and ends with views equal to
 * the exact counts.
 */
class SpeedLayerFaultsIT {

    @RegisterExtension
    static final SuiteCassandra CASSANDRA = new SuiteCassandra();

    @Test
    void ridesOutCassandraAndKafkaOutagesAndStopsWithoutTheBroker(@TempDir Path dir) throws Exception {
        Run run = Run.named("fault");
        Corpus corpus = Corpus.of(realPosts());
        List<Post> first = generated(corpus, 12, "2016-11-25T12:00:00Z", 1);
        List<Post> second = generated(corpus, 12, "2016-11-25T12:10:00Z", 2);
        List<Post> third = generated(corpus, 12, "2016-11-25T12:20:00Z", 3);
        String[] args = run.args("--checkpoint-dir", dir.resolve("ck").toString(),
                // small micro-batches: the stream lasts long enough to fail under
                "--max-offsets-per-trigger", "400");
        // a broker of this test's own, and the suite's Cassandra through a proxy: taking either away from the
        // speed layer leaves the other tests' services running
        try (TestServices.OwnKafka kafka = TestServices.OwnKafka.start()) {
            run(dir, run, kafka, first, second, third, args);
        }
        CASSANDRA.session().execute("DROP KEYSPACE IF EXISTS " + run.keyspace());
    }

    private static void run(Path dir, Run run, TestServices.OwnKafka kafka, List<Post> first, List<Post> second,
                            List<Post> third, String[] args) throws Exception {
        String topic = run.topic();
        String keyspace = run.keyspace();
        String bootstrap = kafka.bootstrap();
        List<Post> sent = new ArrayList<>();
        send(bootstrap, topic, first, sent);
        LoopbackProxy cassandra = LoopbackProxy.to(System.getenv().getOrDefault("TRENDWATCH_CASSANDRA", "127.0.0.1:9042"));
        try (cassandra; SpeedProcess speed = SpeedProcess.start(dir.resolve("speed-1.log"),
                Map.of("TRENDWATCH_CASSANDRA", cassandra.address(), "TRENDWATCH_KAFKA", bootstrap), args)) {
            // 1. Cassandra away for 60 s mid-stream
            await(Duration.ofSeconds(180), () -> statusLong(CASSANDRA.session(), keyspace, run.name(), "batch_id") >= 2, speed);
            long before = totalPosts(CASSANDRA.session(), keyspace);
            cassandra.cut();
            Thread.sleep(60_000);
            assertAlive(speed, "while Cassandra is away");
            cassandra.restore();
            assertThat(before).as("stopped mid-stream").isLessThan(ExpectedViews.of(sent).distinctPosts());
            awaitViews(keyspace, sent, speed);
            long waitsForCassandra = waits(speed);
            // pauses of 1, 2, 4, 8, 16, 30 s: a minute's outage takes a handful of restarts, not one a second
            assertThat(waitsForCassandra).as("restarts while Cassandra was away").isBetween(1L, 10L);

            // 2. the broker restarted mid-stream
            send(bootstrap, topic, second, sent);
            await(Duration.ofSeconds(120), () -> totalPosts(CASSANDRA.session(), keyspace) > ExpectedViews.of(first).distinctPosts(), speed);
            kafka.down();
            Thread.sleep(30_000);
            assertAlive(speed, "while Kafka is away");
            kafka.up();
            awaitViews(keyspace, sent, speed);
            assertThat(statusText(keyspace, run.name(), "state")).isEqualTo("running");
            System.out.printf("SpeedLayerFaultsIT: restarts from the checkpoint: %d while Cassandra was away, %d while Kafka was%n",
                    waitsForCassandra, waits(speed) - waitsForCassandra);

            // 3. SIGTERM while the broker is away: stops within 15 s
            kafka.down();
            long t0 = System.nanoTime();
            int exit = speed.terminate();
            long stopMillis = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("SpeedLayerFaultsIT: SIGTERM with the broker away: exit %d after %d ms%n", exit, stopMillis);
            assertThat(speed.isAlive()).isFalse();
            assertThat(stopMillis).as("SIGTERM to exit, broker away").isLessThanOrEqualTo(15_000);
            assertThat(exit).isIn(0, 143);
            kafka.up();
        }

        // the next start resumes from the checkpoint, and the views stay exact
        send(bootstrap, topic, third, sent);
        try (SpeedProcess again = SpeedProcess.start(dir.resolve("speed-2.log"), Map.of("TRENDWATCH_KAFKA", bootstrap), args)) {
            awaitViews(keyspace, sent, again);
            again.terminate();
        }
    }

    private static long waits(SpeedProcess speed) throws Exception {
        return speed.log().lines().filter(l -> l.contains("speed layer waiting for Cassandra or Kafka")).count();
    }

    private static void assertAlive(SpeedProcess speed, String when) throws Exception {
        if (!speed.isAlive()) {
            String log = speed.log();
            throw new AssertionError("the speed layer exited " + when + ":\n" + log.substring(Math.max(0, log.length() - 15_000)));
        }
    }


    private static void send(String bootstrap, String topic, List<Post> posts, List<Post> sent) throws Exception {
        publish(bootstrap, topic, posts);
        sent.addAll(posts);
    }

    /** Waits until the views hold every post sent, then compares every (term, minute) with the exact count. */
    private static void awaitViews(String keyspace, List<Post> sent, SpeedProcess speed) throws Exception {
        ExpectedViews expected = ExpectedViews.of(sent);
        await(Duration.ofSeconds(300), () -> totalPosts(CASSANDRA.session(), keyspace) == expected.distinctPosts(), speed);
        Thread.sleep(3000);   // a batch still in flight must not add anything
        Map<ExpectedViews.Key, Long> actual = new HashMap<>();
        for (Row r : CASSANDRA.session().execute("SELECT term, bucket, posts FROM " + Tables.SPEED_TERM_COUNTS.in(keyspace))) {
            actual.put(new ExpectedViews.Key(r.getString("term"), r.getInstant("bucket")), r.getLong("posts"));
        }
        assertThat(actual).isEqualTo(expected.termCounts);
        Map<Instant, Long> totals = new HashMap<>();
        for (Row r : CASSANDRA.session().execute("SELECT bucket, posts FROM " + Tables.SPEED_BUCKET_TOTALS.in(keyspace))) {
            totals.put(r.getInstant("bucket"), r.getLong("posts"));
        }
        assertThat(totals).isEqualTo(expected.totals);
    }


    private static String statusText(String keyspace, String query, String column) {
        Row r = CASSANDRA.session().execute("SELECT " + column + " FROM " + Tables.SPEED_STATUS.in(keyspace) + " WHERE query = ?", query).one();
        return r == null ? null : r.getString(0);
    }

}
