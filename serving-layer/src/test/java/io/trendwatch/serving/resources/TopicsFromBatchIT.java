package io.trendwatch.serving.resources;

import io.trendwatch.serving.LayerProcessesLock;
import io.trendwatch.serving.TestKeyspace;
import org.junit.jupiter.api.extension.RegisterExtension;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.trendwatch.core.source.SemEvalTweet;
import io.trendwatch.core.source.Snowflake;
import io.trendwatch.serving.ServingConfiguration;
import io.trendwatch.serving.TestApps;
import io.trendwatch.store.CassandraConnector;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.views.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The topic job, run as the batch layer's own command line on the real tweets
 * of one day (imported into a fresh master dataset), writes topics that the
 * API then returns as written.
 */
@ExtendWith(LayerProcessesLock.class)
@ExtendWith(DropwizardExtensionsSupport.class)
class TopicsFromBatchIT {

    /** Removed once the tests pass; kept for a look when one fails. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tmp;

    private static final Path ROOT = Path.of(System.getProperty("trendwatch.root", "..")).toAbsolutePath().normalize();
    private static final String KEYSPACE = "tw_topics_it";
    @RegisterExtension
    static final TestKeyspace CLEANUP = TestKeyspace.ofLayers(KEYSPACE);
    private static final LocalDate DAY = LocalDate.parse("2015-09-09");
    private static final ObjectMapper JSON = new ObjectMapper();

    static final DropwizardAppExtension<ServingConfiguration> APP = TestApps.app(KEYSPACE);


    @Test
    void theTopicsOfADayWrittenByTheBatchJobAreWhatTheApiReturns() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("topics"));
        Path day = work.resolve("day.tsv");
        Files.write(day, tweetsOf(DAY), StandardCharsets.UTF_8);
        // a stale topic of the same day, written long ago: the job replaces the day's topics
        try (CqlSession s = CassandraConnector.connect(CassandraSettings.fromEnvironment().withKeyspace(KEYSPACE))) {
            s.execute("INSERT INTO " + Tables.TOPICS_BY_DAY.in(KEYSPACE) + " (day, topic, terms, share) VALUES (?, 99, ['stale'], 1.0) "
                    + "USING TIMESTAMP 1000", DAY);
        }

        batch(work, "import", "--master-dir", work.resolve("master").toString(), day.toString());
        batch(work, "topics", "--day", DAY.toString(), "--k", "5", "--master-dir", work.resolve("master").toString(),
                "--keyspace", KEYSPACE, "--models-dir", work.resolve("models").toString());

        JsonNode topics = get("/api/v1/topics?day=" + DAY).get("topics");
        assertThat(topics).hasSize(5);
        Map<Integer, Row> written = new HashMap<>();
        try (CqlSession s = CassandraConnector.connect(CassandraSettings.fromEnvironment().withKeyspace(KEYSPACE))) {
            s.execute("SELECT * FROM " + Tables.TOPICS_BY_DAY.in(KEYSPACE) + " WHERE day = ?", DAY).forEach(r -> written.put(r.getInt("topic"), r));
        }
        assertThat(written).hasSize(5).doesNotContainKey(99);
        double shares = 0;
        for (JsonNode t : topics) {
            Row row = written.get(t.get("topic").asInt());
            List<String> terms = new ArrayList<>();
            t.get("terms").forEach(x -> terms.add(x.asText()));
            assertThat(terms).hasSize(10).isEqualTo(row.getList("terms", String.class));
            assertThat(t.get("share").asDouble()).isEqualTo(row.getDouble("share"));
            assertThat(t.get("model_version").asText()).isEqualTo(row.getString("model_version")).isNotBlank();
            shares += t.get("share").asDouble();
        }
        assertThat(shares).isCloseTo(1.0, within(1e-6));
        // a day with no topic run is empty, not an error
        assertThat(get("/api/v1/topics?day=2015-09-10").get("topics")).isEmpty();
    }

    /** The real subtask B/D tweets created on {@code day} (UTC). */
    private static List<String> tweetsOf(LocalDate day) throws Exception {
        List<String> out = new ArrayList<>();
        Path dir = ROOT.resolve(System.getenv().getOrDefault("TRENDWATCH_SHARED_DIR", "../shared"))
                .resolve("data/semeval2017-task4/subtask-bd");
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".tsv")).sorted().toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (!line.isBlank() && Snowflake.createdAt(SemEvalTweet.parse(line).id())
                            .atZone(ZoneOffset.UTC).toLocalDate().equals(day)) {
                        out.add(line);
                    }
                }
            }
        }
        assertThat(out).hasSizeGreaterThan(1000);
        return out;
    }

    private static void batch(Path work, String... args) throws Exception {
        Path jar = ROOT.resolve("batch-layer/target/trendwatch-batch-layer.jar");
        assertThat(jar).as("the batch layer is packaged before the serving layer's tests run").exists();
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "@" + ROOT.resolve("bin/lib/spark-jvm.options"), "-Xmx2g", "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        File log = work.resolve(args[0] + ".log").toFile();
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log);
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("batch " + args[0] + " finished").isTrue();
        assertThat(p.exitValue()).as("batch " + args[0] + " exit; log:\n" + Files.readString(log.toPath())).isZero();
    }

    private static JsonNode get(String path) throws Exception {
        try (var r = APP.client().target("http://localhost:" + APP.getLocalPort() + path).request().get()) {
            assertThat(r.getStatus()).isEqualTo(200);
            return JSON.readTree(r.readEntity(String.class));
        }
    }
}
