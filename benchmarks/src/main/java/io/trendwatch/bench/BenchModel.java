package io.trendwatch.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trendwatch.core.sentiment.SentimentScorer;
import io.trendwatch.model.registry.ModelsDir;
import io.trendwatch.model.sentiment.ModelSentimentScorer;
import io.trendwatch.store.CassandraConnector;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.SchemaMigrator;
import io.trendwatch.store.models.ModelNames;
import io.trendwatch.store.models.ModelRecord;
import io.trendwatch.store.models.ModelRegistry;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The sentiment model a benchmark runs with, as users run: a trained model of the models folder registered from its
 * card in the run's own keyspace and promoted there, so the layers label every post with it. {@code none} leaves
 * the keyspace without one (every post {@code unscored}), for comparison only.
 */
final class BenchModel {

    static final String NONE = "none";
    private static final String NAME = ModelNames.SENTIMENT;
    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchModel() {
    }

    /**
     * @param choice {@code latest}, a version, or {@link #NONE}
     * @return the version promoted, empty for {@link #NONE}
     */
    static Optional<String> promote(CassandraSettings keyspace, String choice) throws IOException {
        if (NONE.equals(choice)) {
            return Optional.empty();
        }
        String version = version(choice);
        Path dir = ModelsDir.fromEnvironment(System.getenv()).dir(NAME, version).toAbsolutePath();
        JsonNode card = JSON.readTree(dir.resolve("model.json").toFile());
        try (CqlSession session = CassandraConnector.connect(keyspace)) {
            new SchemaMigrator(session, keyspace).migrate();
            ModelRegistry registry = new ModelRegistry(session, keyspace.keyspace());
            registry.register(new ModelRecord(NAME, version, Instant.parse(card.get("createdAt").asText()),
                    Instant.parse(card.get("trainFrom").asText()), Instant.parse(card.get("trainTo").asText()),
                    JSON.convertValue(card.get("params"), new TypeReference<Map<String, String>>() { }),
                    JSON.convertValue(card.get("metrics"), new TypeReference<Map<String, Double>>() { }),
                    dir.toString(), "trained"));
            registry.promote(NAME, version, "avg_recall", true);
        }
        return Optional.of(version);
    }

    /** The scorer a layer would ship for the chosen model, for jobs run in-process; {@link #NONE}: every post unscored. */
    static SentimentScorer scorer(String choice) throws IOException {
        if (NONE.equals(choice)) {
            return SentimentScorer.UNSCORED;
        }
        String version = version(choice);
        return new ModelSentimentScorer(version, ModelsDir.fromEnvironment(System.getenv()).dir(NAME, version));
    }

    private static String version(String choice) throws IOException {
        if (!"latest".equals(choice)) {
            return choice;
        }
        ModelsDir models = ModelsDir.fromEnvironment(System.getenv());
        return models.latest(NAME).orElseThrow(() -> new IllegalStateException("no trained sentiment model in "
                + models.root() + ": train one (bin/trendwatch model train-sentiment), point TRENDWATCH_MODELS at a "
                + "folder that holds one, or run with --model none"));
    }
}
