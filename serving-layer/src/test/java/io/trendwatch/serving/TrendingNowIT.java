package io.trendwatch.serving;

import org.junit.jupiter.api.extension.RegisterExtension;
import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.trendwatch.core.generate.Corpus;
import io.trendwatch.core.generate.StreamGenerator;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.post.PostCodec;
import io.trendwatch.core.source.SemEvalFolder;
import io.trendwatch.core.testing.BurstScenario;
import io.trendwatch.core.testing.SharedData;
import io.trendwatch.store.CassandraConnector;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.views.Tables;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Trending now" on the real stack: the generated 3-day stream of {@link BurstScenario} (bursts of
 * new hashtags on both sides of the middle) goes through Kafka; the speed layer counts all of it;
 * then a batch run publishes its boundary in the middle, and {@code /trends?window=1h&kind=hashtag}
 * is asked through each burst and every 3 hours. On each side of the boundary, for the bursts of
 * ×5 and more: top-5 recall within 20 minutes, top-2 precision at the peak, and the trending
 * flag's recall and precision must be at least 0.9. Twice: with no baseline when the speed layer
 * counted (a first day), then with the baselines of that batch run published when a new speed
 * query counts the same stream again (its candidates replaced).
 */
@ExtendWith(LayerProcessesLock.class)
@ExtendWith(DropwizardExtensionsSupport.class)
class TrendingNowIT {

    private static final String RUN = "tn" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private static final PostCodec CODEC = new PostCodec();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration EVERY = Duration.ofMinutes(2);

    private static final String KEYSPACE = "tw_" + RUN;
    @RegisterExtension
    static final TestKeyspace CLEANUP = TestKeyspace.ofLayers(KEYSPACE);
    private static final String TOPIC = "posts-" + RUN;
    // hundreds of answers from one address: the per-client limit is ServingProtectionIT's subject
    private static final String ADMIN_TOKEN = UUID.randomUUID().toString();
    static final DropwizardAppExtension<ServingConfiguration> APP = TestApps.app(KEYSPACE,
            ConfigOverride.config("requestsPerSecondPerClient", "0"), ConfigOverride.config("adminToken", ADMIN_TOKEN));

    private static final Path LOGS = TestApps.ROOT.resolve("serving-layer/target/trending-now-it");
    private static BurstScenario scenario;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void stream() throws Exception {
        scenario = new BurstScenario(Corpus.of(SemEvalFolder.posts(SharedData.subtaskA())));
        java.nio.file.Files.createDirectories(LOGS);
    }


    @Test
    void burstsAreFoundOnBothSidesOfTheBoundaryOnAFirstDayAndWithBaselines(@TempDir Path dir) throws Exception {
        long posts = publish(TOPIC, scenario.generator());
        log("published " + posts + " posts of " + BurstScenario.START + " + 3 days");

        // a first day: the speed layer counts the whole stream before any batch run wrote a baseline
        countWithTheSpeedLayer(dir, RUN + "a", posts);
        batchRun("middle", BurstScenario.BOUNDARY, dir.resolve("master"), RUN + "a");
        assertThat(boundary()).isEqualTo(BurstScenario.BOUNDARY);
        Map<Instant, List<BurstScenario.Ranked>> firstDay = new TreeMap<>();
        check("no baseline when the speed layer counted", scenario.evaluate(at -> firstDay.computeIfAbsent(at, this::trends), EVERY));

        // the same stream counted again by a new query, now with the published baselines of that run
        try (CqlSession s = CassandraConnector.connect(CassandraSettings.fromEnvironment())) {
            s.execute("TRUNCATE " + Tables.SPEED_TRENDING.in(KEYSPACE));
        }
        countWithTheSpeedLayer(dir, RUN + "b", posts);
        clearAnswerCache();
        Map<Instant, List<BurstScenario.Ranked>> withBaselines = new TreeMap<>();
        check("baselines of an earlier run when the speed layer counted",
                scenario.evaluate(at -> withBaselines.computeIfAbsent(at, this::trends), EVERY));
    }

    private static void check(String name, BurstScenario.Evaluation e) {
        log(name + ":\n" + BurstScenario.report(e));
        for (BurstScenario.Figures f : List.of(e.before(), e.after())) {
            assertThat(f.bursts()).isEqualTo(3);
            assertThat(f.top5Recall()).as(name + " top-5 recall within 20 min").isGreaterThanOrEqualTo(0.9);
            assertThat(f.top2Precision()).as(name + " top-2 precision at the peak").isGreaterThanOrEqualTo(0.9);
            assertThat(f.flagRecall()).as(name + " flag recall").isGreaterThanOrEqualTo(0.9);
            assertThat(f.flagPrecision()).as(name + " flag precision").isGreaterThanOrEqualTo(0.9);
        }
    }

    /** Runs the speed layer under a new query name over the whole topic, until it has counted every post. */
    private static void countWithTheSpeedLayer(Path dir, String query, long posts) throws Exception {
        try (LayerProcess speed = LayerProcess.start(LOGS.resolve(query + "-speed.log"), "speed-layer/target/trendwatch-speed-layer.jar",
                "start", "--topic", TOPIC, "--dlq-topic", TOPIC + "-dlq", "--keyspace", KEYSPACE, "--query-name", query,
                "--checkpoint-dir", dir.resolve("ck-" + query).toString(), "--max-offsets-per-trigger", "40000")) {
            SpeedCounted.await(KEYSPACE, query, posts, speed, Duration.ofMinutes(8));
            log(query + ": the speed layer counted " + posts + " posts");
        }
    }

    private void clearAnswerCache() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getAdminPort()
                + "/tasks/clear-caches")).header("Authorization", "Bearer " + ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private List<BurstScenario.Ranked> trends(Instant at) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort()
                    + "/api/v1/trends?window=1h&kind=hashtag&limit=20&at=" + URLEncoder.encode(at.toString(), StandardCharsets.UTF_8)))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            List<BurstScenario.Ranked> out = new ArrayList<>();
            for (JsonNode item : JSON.readTree(r.body()).get("trends")) {
                out.add(new BurstScenario.Ranked(item.get("term").asText(), item.get("trending").asBoolean()));
            }
            return out;
        } catch (Exception e) {
            throw new AssertionError("/trends at " + at + ": " + e, e);
        }
    }

    private Instant boundary() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort()
                + "/api/v1/status")).GET().build(), HttpResponse.BodyHandlers.ofString());
        return Instant.parse(JSON.readTree(r.body()).get("boundary").asText());
    }

    /** Every post acknowledged, or the test fails here and says how many were not. */
    private static long publish(String topic, StreamGenerator generator) throws Exception {
        AtomicLong n = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        try (KafkaProducer<byte[], byte[]> producer = TestProducer.open()) {
            generator.generate((second, posts) -> {
                for (Post p : posts) {
                    producer.send(new ProducerRecord<>(topic, p.id().getBytes(StandardCharsets.UTF_8), CODEC.encode(p)),
                            (metadata, e) -> {
                                if (e != null) {
                                    failed.incrementAndGet();
                                }
                            });
                    n.incrementAndGet();
                }
            });
            producer.flush();
        }
        assertThat(failed.get()).as("posts Kafka did not acknowledge").isZero();
        return n.get();
    }

    private static void batchRun(String name, Instant asOf, Path master, String speedQuery) throws Exception {
        List<String> args = List.of("run", "--as-of", asOf.toString(), "--topic", TOPIC, "--keyspace", KEYSPACE,
                "--master-dir", master.toString(), "--speed-query", speedQuery);
        LayerProcess.Result r = LayerProcess.run(LOGS.resolve(RUN + "-" + name + ".log"), "batch-layer/target/trendwatch-batch-layer.jar",
                args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.output()).isZero();
    }

    private static void log(String line) {
        System.out.println(Instant.now() + " TrendingNowIT: " + line);
    }
}
