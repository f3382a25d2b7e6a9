package io.trendwatch.serving.ops;

import com.datastax.oss.driver.api.core.CqlSession;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.trendwatch.serving.ServingConfiguration;
import io.trendwatch.serving.TestApps;
import io.trendwatch.serving.TestKeyspace;
import io.trendwatch.store.CassandraConnector;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.Publications;
import io.trendwatch.store.models.ModelRecord;
import io.trendwatch.store.models.ModelRegistry;
import io.trendwatch.store.views.Tables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/trendwatch doctor} against the suite's Kafka and Cassandra and a real API: a problem for each part of
 * the product that is missing, none once each is there, and the stopped service named when Cassandra does not
 * answer (an address where nothing listens, so that no other test loses its Cassandra).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DoctorIT {

    /** Removed once the tests pass; kept for a look when one fails. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tmp;

    private static final String KEYSPACE = "tw_doctor_it";
    /** A posts topic of its own, created by publishing to it as users do (the first publisher creates it). */
    private static final String TOPIC = "doctor-it-" + UUID.randomUUID().toString().substring(0, 8);
    private static final Path ROOT = TestApps.ROOT;

    static final DropwizardAppExtension<ServingConfiguration> APP = TestApps.app(KEYSPACE);
    @RegisterExtension
    static final TestKeyspace OF_THE_APP = TestKeyspace.ofLayers(KEYSPACE);
    /** A keyspace with the schema and nothing else: a stack whose layers never ran. */
    @RegisterExtension
    static final TestKeyspace BARE = TestKeyspace.migrated("tw_doctor_bare");

    @BeforeAll
    static void publishAPost() throws Exception {
        Path post = Files.createTempFile("doctor-post", ".jsonl");
        Files.writeString(post, "{\"id\":\"doctor-1\",\"text\":\"checking the stack #doctor\","
                + "\"created_at\":\"2015-08-02T10:15:30Z\"}\n");
        Process p = new ProcessBuilder(ROOT.resolve("bin/trendwatch").toString(), "ingest", "--topic", TOPIC, post.toString())
                .directory(ROOT.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0).as(out).isTrue();
    }

    @Test
    void aStackWithoutItsLayersHasOneProblemForEachMissingPart() throws Exception {
        Doctor d = doctor(BARE.name(), Map.of());
        assertThat(d.exit).as(d.out).isEqualTo(1);
        assertThat(d.verdicts()).as(d.out).containsExactlyEntriesOf(new TreeMap<>(Map.ofEntries(
                Map.entry("java", "ok"), Map.entry("maven", "ok"), Map.entry("memory", "ok"), Map.entry("disk", "ok"),
                Map.entry("ports", "ok"), Map.entry("kafka", "ok"), Map.entry("cassandra", "ok"), Map.entry("schema", "ok"),
                Map.entry("models", "PROBLEM"), Map.entry("boundary", "PROBLEM"), Map.entry("speed layer", "PROBLEM"),
                Map.entry("api", "ok"))));
        assertThat(d.out).contains("trendwatch model train-sentiment", "trendwatch batch run", "trendwatch speed start",
                "3 problems found");
    }

    @Test
    void aStackWithEveryPartPassesEveryCheck() throws Exception {
        Path artifact = Files.createDirectories(tmp.resolve("doctor-model"));
        try (CqlSession s = CassandraConnector.connect(CassandraSettings.fromEnvironment().withKeyspace(KEYSPACE))) {
            ModelRegistry registry = new ModelRegistry(s, KEYSPACE);
            Instant now = Instant.now();
            registry.register(new ModelRecord("sentiment", "v-doctor", now, now.minus(Duration.ofDays(30)), now,
                    Map.of(), Map.of("avg_recall", 0.65), artifact.toString(), "candidate"));
            registry.promote("sentiment", "v-doctor", "avg_recall", false);
            Instant boundary = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(5));
            new Publications(s, KEYSPACE).publishBoundary(boundary, "run-doctor", now);
            // the heartbeat the speed layer writes after each micro-batch (SpeedMetrics)
            s.execute("INSERT INTO " + Tables.SPEED_STATUS.in(KEYSPACE) + " (query, updated_at, batch_id, state, state_since) "
                    + "VALUES ('speed', ?, 7, 'running', ?)", now, now);
        }
        Doctor d = doctor(KEYSPACE, Map.of());
        assertThat(d.exit).as(d.out).isZero();
        assertThat(d.verdicts()).as(d.out).hasSize(12).allSatisfy((check, verdict) -> assertThat(verdict).isEqualTo("ok"));
        assertThat(d.out).contains("sentiment v-doctor", "run-doctor", "all checks passed");
    }

    @Test
    void withCassandraStoppedItSaysSoAndWhatToStart() throws Exception {
        int nothing;
        try (ServerSocket free = new ServerSocket(0)) {
            nothing = free.getLocalPort();
        }
        Doctor d = doctor(KEYSPACE, Map.of("TRENDWATCH_CASSANDRA", "127.0.0.1:" + nothing));
        assertThat(d.exit).as(d.out).isEqualTo(1);
        assertThat(d.verdicts()).as(d.out).containsEntry("cassandra", "PROBLEM").containsEntry("ports", "PROBLEM")
                .containsEntry("schema", "skipped").containsEntry("models", "skipped").containsEntry("boundary", "skipped")
                .containsEntry("speed layer", "skipped").containsEntry("kafka", "ok");
        assertThat(d.out).contains("Cassandra is not reachable at 127.0.0.1:" + nothing, "trendwatch infra up",
                "2 problems found");
    }

    private record Doctor(int exit, String out) {
        /** Each check's verdict, from the lines that begin with one (the lines after them say what to do). */
        Map<String, String> verdicts() {
            Map<String, String> v = new TreeMap<>();
            for (String line : out.split("\n")) {
                for (String verdict : List.of("ok", "PROBLEM", "skipped")) {
                    if (line.startsWith(verdict + " ")) {
                        String rest = line.substring(7).strip();
                        String check = rest.startsWith("speed layer") ? "speed layer" : rest.split("\\s+")[0];
                        v.put(check, verdict);
                    }
                }
            }
            return v;
        }
    }

    private Doctor doctor(String keyspace, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("bin/trendwatch").toString(), "doctor",
                "--keyspace", keyspace, "--api", "http://127.0.0.1:" + APP.getLocalPort())
                .directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().put("TRENDWATCH_POSTS_TOPIC", TOPIC);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(out).isTrue();
        return new Doctor(p.exitValue(), out);
    }
}
