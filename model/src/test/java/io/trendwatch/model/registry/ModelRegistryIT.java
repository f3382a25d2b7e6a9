package io.trendwatch.model.registry;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.trendwatch.core.sentiment.SentimentScorer;
import io.trendwatch.model.ModelMain;
import io.trendwatch.model.sentiment.FeatureSpec;
import io.trendwatch.model.sentiment.ModelCard;
import io.trendwatch.model.sentiment.ModelSentimentScorer;
import io.trendwatch.model.sentiment.TimeSplitCheck;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.SchemaMigrator;
import io.trendwatch.store.Sessions;
import io.trendwatch.store.models.ModelRecord;
import io.trendwatch.store.models.ModelRegistry;
import io.trendwatch.store.models.Promotion;
import io.trendwatch.store.models.PromotionRefusedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The registry and the promotion gate on a real Cassandra; each test on a registry of its own (a keyspace of its
 * own), so they run in any order.
 */
class ModelRegistryIT {

    /** Removed once the tests pass; kept for a look when one fails. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tmp;

    private Path artifacts;

    private CassandraSettings cassandra;
    private CqlSession session;
    private ModelRegistry registry;

    @BeforeEach
    void emptyRegistry() throws Exception {
        artifacts = Files.createDirectories(tmp.resolve("registry"));
        cassandra = CassandraSettings.fromEnvironment()
                .withKeyspace("tw_models_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
        session = Sessions.get(cassandra);
        new SchemaMigrator(session, cassandra).migrate();
        registry = new ModelRegistry(session, cassandra.keyspace());
    }

    @AfterEach
    void dropRegistry() {
        session.execute("DROP KEYSPACE IF EXISTS " + cassandra.keyspace());
    }

    @Test
    void trainingAgainstAKeyspaceWithoutTheSchemaStopsBeforeTrainingAndSaysToMigrate() {
        String missing = cassandra.keyspace() + "_none";
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = ModelMain.commandLine().execute("train-sentiment", "--keyspace", missing,
                    "--models-dir", artifacts.toString());
        } finally {
            System.setErr(stderr);
        }
        assertThat(exit).isEqualTo(io.trendwatch.core.ExitCodes.UNAVAILABLE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("keyspace " + missing + " has no model registry", "trendwatch migrate")
                .doesNotContain("\tat ");
        assertThat(artifacts.resolve("sentiment")).as("no model trained").doesNotExist();
    }

    @Test
    void beforeAnyPromotionTheLayersCountPostsAsUnscored() {
        assertThat(registry.inUse("sentiment")).isEmpty();
        assertThat(PromotedSentiment.scorer(session, cassandra.keyspace())).isSameAs(SentimentScorer.UNSCORED);
    }

    @Test
    void aBetterOrEqualModelIsPromotedAndAWorseOneRefused() throws Exception {
        register("v1", 0.60);
        register("v2", 0.65);
        register("v3", 0.62);
        register("v4", 0.65);

        assertThat(registry.promote("sentiment", "v1", "avg_recall", false).version()).isEqualTo("v1");
        assertThat(registry.promote("sentiment", "v2", "avg_recall", false).version()).isEqualTo("v2");
        assertThatThrownBy(() -> registry.promote("sentiment", "v3", "avg_recall", false))
                .isInstanceOf(PromotionRefusedException.class)
                .hasMessageContaining("0.6200").hasMessageContaining("0.6500").hasMessageContaining("v2");
        assertThat(registry.inUse("sentiment").orElseThrow().version()).isEqualTo("v2");
        assertThat(registry.find("sentiment", "v3").orElseThrow().status()).isEqualTo("refused");

        Thread.sleep(5); // promotions are ordered by time
        assertThat(registry.promote("sentiment", "v4", "avg_recall", false).version()).isEqualTo("v4");
        assertThat(registry.find("sentiment", "v2").orElseThrow().status()).isEqualTo("retired");
    }

    @Test
    void theTimeSplitFigureGatesOnceTheModelInUseHasOne() throws Exception {
        register("old", Map.of("avg_recall", 0.67));                                  // trained before the time figure
        register("worse-random", Map.of("avg_recall", 0.66, TimeSplitCheck.AVG_RECALL, 0.64));
        register("better-random", Map.of("avg_recall", 0.68, TimeSplitCheck.AVG_RECALL, 0.61));
        register("worse-later", Map.of("avg_recall", 0.70, TimeSplitCheck.AVG_RECALL, 0.60));
        register("better-later", Map.of("avg_recall", 0.65, TimeSplitCheck.AVG_RECALL, 0.62));
        registry.promote("sentiment", "old", PromotedSentiment.GATE, false);

        // the model in use has no time figure: the random split's AvgRec decides, the time figure is recorded
        assertThatThrownBy(() -> registry.promote("sentiment", "worse-random", PromotedSentiment.GATE, false))
                .isInstanceOf(PromotionRefusedException.class).hasMessageContaining("avg_recall 0.6600")
                .hasMessageContaining("0.6700 of old");
        Thread.sleep(5);
        Promotion promoted = registry.promote("sentiment", "better-random", PromotedSentiment.GATE, false);
        assertThat(promoted.metricName()).isEqualTo(TimeSplitCheck.AVG_RECALL);
        assertThat(promoted.metric()).isEqualTo(0.61);

        // from then on the later tweets decide, whatever the random split says
        assertThatThrownBy(() -> registry.promote("sentiment", "worse-later", PromotedSentiment.GATE, false))
                .isInstanceOf(PromotionRefusedException.class)
                .hasMessageContaining(TimeSplitCheck.AVG_RECALL + " 0.6000 is worse than 0.6100 of better-random");
        Thread.sleep(5);
        assertThat(registry.promote("sentiment", "better-later", PromotedSentiment.GATE, false).version())
                .isEqualTo("better-later");
        assertThat(registry.find("sentiment", "worse-later").orElseThrow().status()).isEqualTo("refused");

        // a candidate without the time figure is not judged on a weaker one than the model in use was
        register("no-time-check", Map.of("avg_recall", 0.99));
        assertThatThrownBy(() -> registry.promote("sentiment", "no-time-check", PromotedSentiment.GATE, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no " + TimeSplitCheck.AVG_RECALL + ", the figure better-later in use is judged on");
        assertThat(registry.inUse("sentiment").orElseThrow().version()).isEqualTo("better-later");
        // and a candidate with no figure in common with the one in use is not guessed about
        register("trend-like", Map.of("auc", 0.9));
        assertThatThrownBy(() -> registry.promote("sentiment", "trend-like", List.of("auc"), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be compared");
    }

    @Test
    void forceOverridesTheGateAndIsRecorded() throws Exception {
        register("v2", 0.65);
        register("v3", 0.62);
        registry.promote("sentiment", "v2", "avg_recall", false);
        Thread.sleep(5);
        Promotion forced = registry.promote("sentiment", "v3", "avg_recall", true);
        assertThat(forced.forced()).isTrue();
        Promotion inUse = registry.inUse("sentiment").orElseThrow();
        assertThat(inUse.version()).isEqualTo("v3");
        assertThat(inUse.forced()).isTrue();
        assertThat(inUse.metric()).isEqualTo(0.62);
    }

    @Test
    void theLayersGetTheScorerOfTheVersionInUse() throws Exception {
        register("v3", 0.62);
        registry.promote("sentiment", "v3", "avg_recall", false);
        SentimentScorer scorer = PromotedSentiment.scorer(session, cassandra.keyspace());
        assertThat(scorer).isInstanceOf(ModelSentimentScorer.class);
        assertThat(scorer.version()).isEqualTo("v3");
        assertThat(((ModelSentimentScorer) scorer).artifact()).isEqualTo(artifacts.resolve("v3").toAbsolutePath());
    }

    @Test
    void theCommandLineListsTheVersionsAndRefusesAWorseOneWithExit4() throws Exception {
        register("v1", 0.60);
        register("v3", 0.62);
        registry.promote("sentiment", "v1", "avg_recall", false);
        Thread.sleep(5);
        registry.promote("sentiment", "v3", "avg_recall", false);
        Run listed = run("list", "--keyspace", cassandra.keyspace(), "sentiment");
        Run refused = run("promote", "--keyspace", cassandra.keyspace(), "sentiment", "v1");
        assertThat(listed.status()).isZero();
        assertThat(listed.out()).containsPattern("\\* sentiment +v3 +promoted")
                .containsPattern("  sentiment +v1 +retired");
        assertThat(refused.status()).isEqualTo(4);
        assertThat(registry.inUse("sentiment").orElseThrow().version()).isEqualTo("v3");
    }

    @Test
    void aFolderTrainedWithoutTheRegistryIsRegisteredWhereItIsAndPutInUseOnlyThroughTheGate() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("trained-elsewhere").resolve("20261204T110000Z"));
        ModelCard card = new ModelCard("sentiment", "20261204T110000Z", FeatureSpec.DEFAULT, 24, 3,
                Instant.parse("2026-12-04T11:00:00Z"), Instant.parse("2013-01-01T00:00:00Z"),
                Instant.parse("2015-12-31T00:00:00Z"), Map.of("dim", "24"),
                Map.of("avg_recall", 0.65, TimeSplitCheck.AVG_RECALL, 0.62));
        new ObjectMapper().registerModule(new JavaTimeModule()).writeValue(dir.resolve(ModelCard.FILE).toFile(), card);
        Run registered = run("register", "--keyspace", cassandra.keyspace(), dir.toString());
        Run missing = run("register", "--keyspace", cassandra.keyspace(), tmp.resolve("no-model").toString());

        assertThat(registered.status()).isZero();
        assertThat(registered.out().lines().toList()).last().isEqualTo("20261204T110000Z");
        ModelRecord record = registry.find("sentiment", "20261204T110000Z").orElseThrow();
        assertThat(record.artifact()).isEqualTo(dir.toAbsolutePath().toString());
        assertThat(record.metrics()).isEqualTo(card.metrics());
        assertThat(record.trainTo()).isEqualTo(card.trainTo());
        assertThat(registry.inUse("sentiment")).as("registering puts nothing in use").isEmpty();
        assertThat(missing.status()).as("a folder without a model").isEqualTo(2);
        assertThat(registry.list("sentiment")).extracting(ModelRecord::version).containsExactly("20261204T110000Z");

        Run promoted = run("register", "--promote", "--keyspace", cassandra.keyspace(), dir.toString());
        assertThat(promoted.status()).isZero();
        assertThat(promoted.out()).contains("sentiment 20261204T110000Z in use (time_avg_recall 0.6200)");
        assertThat(PromotedSentiment.scorer(session, cassandra.keyspace()).version()).isEqualTo("20261204T110000Z");

        Path worse = Files.createDirectories(tmp.resolve("trained-elsewhere").resolve("20261204T120000Z"));
        new ObjectMapper().registerModule(new JavaTimeModule()).writeValue(worse.resolve(ModelCard.FILE).toFile(),
                new ModelCard("sentiment", "20261204T120000Z", FeatureSpec.DEFAULT, 24, 3, Instant.parse("2026-12-04T12:00:00Z"),
                        card.trainFrom(), card.trainTo(), Map.of(), Map.of("avg_recall", 0.66, TimeSplitCheck.AVG_RECALL, 0.61)));
        Run refused = run("register", "--promote", "--keyspace", cassandra.keyspace(), worse.toString());
        assertThat(refused.status()).as("a worse model is registered but not put in use").isEqualTo(4);
        assertThat(registry.find("sentiment", "20261204T120000Z")).isPresent();
        assertThat(registry.inUse("sentiment").orElseThrow().version()).isEqualTo("20261204T110000Z");
    }

    /** A command line's exit status and what it printed. */
    private record Run(int status, String out) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int status = ModelMain.commandLine().execute(args);
            return new Run(status, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
        }
    }

    private void register(String version, double avgRecall) throws Exception {
        register(version, Map.of("avg_recall", avgRecall));
    }

    private void register(String version, Map<String, Double> metrics) throws Exception {
        Path dir = Files.createDirectories(artifacts.resolve(version));
        Files.writeString(dir.resolve("model.json"), "{}");
        registry.register(new ModelRecord("sentiment", version, Instant.now(), Instant.parse("2013-01-01T00:00:00Z"),
                Instant.parse("2015-12-31T00:00:00Z"), Map.of("dim", "32"), metrics,
                dir.toAbsolutePath().toString(), "trained"));
    }
}
