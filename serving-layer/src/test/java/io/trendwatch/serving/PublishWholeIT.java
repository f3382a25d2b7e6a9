package io.trendwatch.serving;

import org.junit.jupiter.api.extension.RegisterExtension;
import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.trendwatch.core.generate.Corpus;
import io.trendwatch.core.generate.GeneratorSpec;
import io.trendwatch.core.generate.StreamGenerator;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.post.PostCodec;
import io.trendwatch.core.source.SemEvalTweet;
import io.trendwatch.core.testing.SharedData;
import io.trendwatch.store.CassandraConnector;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.views.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A nightly run SIGKILLed while it writes its rankings and baselines, while a
 * reader polls {@code /trends}: the reader sees the published run's ranking
 * throughout, never part of the new one; the rerun publishes the new ranking.
 */
@ExtendWith(LayerProcessesLock.class)
@ExtendWith(DropwizardExtensionsSupport.class)
class PublishWholeIT {

    private static final String KEYSPACE = "tw_pw" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    @RegisterExtension
    static final TestKeyspace CLEANUP = TestKeyspace.ofLayers(KEYSPACE);
    private static final String BATCH_JAR = "batch-layer/target/trendwatch-batch-layer.jar";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PostCodec CODEC = new PostCodec();

    // a reader asks ~40 times a second from one address: the per-client limit is ServingProtectionIT's subject
    static final DropwizardAppExtension<ServingConfiguration> APP = TestApps.app(KEYSPACE,
            ConfigOverride.config("trendsCacheTtl", "1 millisecond"), ConfigOverride.config("requestsPerSecondPerClient", "0"));

    private final HttpClient http = HttpClient.newHttpClient();


    @Test
    void aRunKilledWhileRankingLeavesReadersOnThePublishedRankingAndTheRerunPublishesTheNewOne(@TempDir Path dir)
            throws Exception {
        Instant day0 = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(4));
        Instant asOf = day0.plus(Duration.ofDays(2));
        String master = dir.resolve("master").toString();
        Instant hour = day0.plus(Duration.ofHours(34));    // a burst in the first data, late posts later

        Path stream = dir.resolve("stream.jsonl");
        List<Post> real = new ArrayList<>();
        for (String line : Files.readString(SharedData.tsvFiles(SharedData.subtaskA()).get(0)).split("\n")) {
            if (!line.isBlank()) {
                real.add(SemEvalTweet.parse(line).toPost());
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(stream)) {
            new StreamGenerator(GeneratorSpec.of(0.1, Duration.ofDays(2), day0, 5), Corpus.of(real)).generate((s, posts) -> {
                for (Post p : posts) {
                    out.write(CODEC.encodeToString(p));
                    out.newLine();
                }
            });
            for (int i = 0; i < 300; i++) {
                out.write(CODEC.encodeToString(Post.ofText("early-" + i, "twitter", "e" + i, "#earlyburst today " + i, "en",
                        hour.plusSeconds(7L * i))));
                out.newLine();
            }
        }
        run(dir, "import1", "import", stream.toString(), "--master-dir", master, "--keyspace", KEYSPACE, "--no-progress");
        run(dir, "run1", "run", "--as-of", asOf.toString(), "--skip-archive", "--master-dir", master, "--keyspace", KEYSPACE);

        String path = "/api/v1/trends?window=1h&limit=100&at=" + hour.plus(Duration.ofHours(1));
        Set<String> published = terms(path);
        assertThat(published).as("run 1 ranked the hour").contains("#earlyburst").doesNotContain("#lateburst");

        // late posts of a new hashtag in that hour: the next run ranks it
        Path late = dir.resolve("late.jsonl");
        try (BufferedWriter out = Files.newBufferedWriter(late)) {
            for (int i = 0; i < 400; i++) {
                out.write(CODEC.encodeToString(Post.ofText("late-" + i, "twitter", "u" + i, "#lateburst now " + i, "en",
                        hour.plusSeconds(5L * i))));
                out.newLine();
            }
        }
        run(dir, "import2", "import", late.toString(), "--master-dir", master, "--keyspace", KEYSPACE, "--no-progress");

        // a reader polls while run 2 is killed in its ranking phase
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        AtomicReference<String> seen = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            while (reading.get()) {
                try {
                    Set<String> now = terms(path);
                    reads.incrementAndGet();
                    if (!now.equals(published) && seen.get() == null) {
                        seen.set(now.toString());
                    }
                    Thread.sleep(20);   // ~40 reads a second, the rest of the cores to the run
                } catch (Exception | AssertionError e) {   // a failed read fails the test, it does not end the reader
                    seen.compareAndSet(null, e.toString());
                }
            }
        }, "trends-reader");
        reader.start();
        try (CqlSession s = CassandraConnector.connect(CassandraSettings.fromEnvironment());
             LayerProcess run2 = LayerProcess.start(dir.resolve("run2.log"), BATCH_JAR, "run", "--as-of", asOf.plus(Duration.ofHours(1)).toString(),
                     "--skip-archive", "--master-dir", master, "--keyspace", KEYSPACE)) {
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (!rankingOfAnUnpublishedRun(s, hour)) {
                assertThat(run2.isAlive()).as("run 2 ended before its ranking phase was seen:\n" + run2.tail()).isTrue();
                assertThat(System.nanoTime()).as("no ranking phase within 5 minutes").isLessThan(deadline);
                Thread.sleep(10);
            }
            run2.kill();
            Thread.sleep(2_000);   // the reader goes on after the kill
            assertThat(s.execute("SELECT boundary FROM " + Tables.BATCH_BOUNDARY.in(KEYSPACE) + " WHERE scope = ? LIMIT 1", Tables.BOUNDARY_SCOPE).one()
                    .getInstant(0)).as("the boundary of run 1 stays").isEqualTo(asOf);
        } finally {
            reading.set(false);
            reader.join();
        }
        assertThat(reads.get()).isGreaterThan(10);
        assertThat(seen.get()).as("a ranking other than the published one was read").isNull();

        run(dir, "run3", "run", "--as-of", asOf.plus(Duration.ofHours(1)).toString(), "--skip-archive", "--master-dir", master,
                "--keyspace", KEYSPACE);
        // the API answers a stale /trends while it recomputes it once in the background: ask until it is fresh
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Set<String> after = terms(path);
        while (!after.contains("#lateburst") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            after = terms(path);
        }
        assertThat(after).contains("#lateburst", "#earlyburst");
    }

    private static boolean rankingOfAnUnpublishedRun(CqlSession s, Instant hour) {
        try {
            for (var r : s.execute("SELECT run_id FROM " + Tables.BATCH_RANKINGS.in(KEYSPACE) + " WHERE step = 'hour' AND bucket = ?", hour)) {
                if (s.execute("SELECT run_id FROM " + Tables.PUBLISHED_RUNS.in(KEYSPACE) + " WHERE run_id = ?", r.getString(0)).one() == null) {
                    return true;
                }
            }
            return false;
        } catch (RuntimeException tableNotThereYet) {
            return false;
        }
    }

    private Set<String> terms(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + path))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Set<String> out = new TreeSet<>();
        for (JsonNode t : JSON.readTree(r.body()).get("trends")) {
            out.add(t.get("term").asText());
        }
        return out;
    }

    private static void run(Path dir, String name, String... args) throws Exception {
        LayerProcess.Result r = LayerProcess.run(dir.resolve(name + ".log"), BATCH_JAR, args);
        assertThat(r.exitCode()).as(r.output()).isZero();
    }
}
