package io.trendwatch.model.sentiment;

import io.trendwatch.core.sentiment.Sentiment;
import io.trendwatch.core.sentiment.SentimentScorer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scorer the layers ship to Spark: it travels as a version and a folder,
 * and each executor JVM loads the model once, on first use, folds it
 * ({@link FoldedLabeller}) and labels every partition's texts with the table.
 */
public final class ModelSentimentScorer implements SentimentScorer {

    private static final long serialVersionUID = 1L;
    private static final Map<String, FoldedLabeller> LOADED = new ConcurrentHashMap<>();

    private final String version;
    private final String artifact;

    public ModelSentimentScorer(String version, Path artifact) {
        this.version = version;
        this.artifact = artifact.toAbsolutePath().toString();
    }

    @Override
    public List<Sentiment> label(List<String> texts) {
        return model().label(texts);
    }

    @Override
    public String version() {
        return version;
    }

    public Path artifact() {
        return Path.of(artifact);
    }

    private FoldedLabeller model() {
        return LOADED.computeIfAbsent(artifact, dir -> {
            // folded once, then the native model is closed: an executor labels in plain Java
            try (SentimentModel model = SentimentModel.load(Path.of(dir))) {
                return model.folded();
            } catch (IOException e) {
                throw new UncheckedIOException("sentiment model " + version + " could not be loaded: " + e.getMessage(), e);
            }
        });
    }
}
