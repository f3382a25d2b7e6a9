package io.trendwatch.model.sentiment;

import io.trendwatch.store.models.ModelRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * What is stored beside a model's weights ({@code model.json}): enough to
 * rebuild the network and its features, and what it was trained on and scored.
 */
public record ModelCard(
        String name,
        String version,
        FeatureSpec features,
        int dim,
        int classes,
        Instant createdAt,
        Instant trainFrom,
        Instant trainTo,
        Map<String, String> params,
        Map<String, Double> metrics) {

    public static final String FILE = "model.json";

    /** The card of a saved model folder; fails naming the folder when it holds none. */
    public static ModelCard read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException("no model in " + dir + " (" + FILE + " is missing)");
        }
        return SentimentModel.JSON.readValue(file.toFile(), ModelCard.class);
    }

    /** What the registry keeps of this model, its weights in {@code artifact}. */
    public ModelRecord record(Path artifact) {
        return new ModelRecord(name, version, createdAt, trainFrom, trainTo, params, metrics,
                artifact.toAbsolutePath().toString(), "trained");
    }
}
