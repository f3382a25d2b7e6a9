package io.trendwatch.model.registry;

import com.datastax.oss.driver.api.core.CqlSession;
import io.trendwatch.core.sentiment.SentimentScorer;
import io.trendwatch.model.sentiment.ModelSentimentScorer;
import io.trendwatch.model.sentiment.TimeSplitCheck;
import io.trendwatch.store.models.ModelNames;
import io.trendwatch.store.models.ModelRecord;
import io.trendwatch.store.models.ModelRegistry;
import io.trendwatch.store.models.Promotion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What the layers call at start: the scorer of the promoted sentiment model, or UNSCORED before there is one. */
public final class PromotedSentiment {

    public static final String NAME = ModelNames.SENTIMENT;
    /**
     * What a candidate's promotion compares, first figure both have: AvgRec on the time split's later tweets, then,
     * for a model in use trained before that figure was recorded, the random split's AvgRec.
     */
    public static final List<String> GATE = List.of(TimeSplitCheck.AVG_RECALL, "avg_recall");

    private PromotedSentiment() {
    }

    public static SentimentScorer scorer(CqlSession session, String keyspace) {
        ModelRegistry registry = new ModelRegistry(session, keyspace);
        Optional<Promotion> inUse = registry.inUse(NAME);
        if (inUse.isEmpty()) {
            return SentimentScorer.UNSCORED;
        }
        String version = inUse.get().version();
        ModelRecord record = registry.find(NAME, version).orElseThrow(() -> new IllegalStateException(
                "sentiment model " + version + " is promoted but not registered"));
        Path artifact = Path.of(record.artifact());
        if (!Files.isRegularFile(artifact.resolve("model.json"))) {
            throw new IllegalStateException("the promoted sentiment model " + version + " has no artifact at "
                    + artifact + "; restore it there or promote another version (trendwatch model list)");
        }
        return new ModelSentimentScorer(version, artifact);
    }
}
