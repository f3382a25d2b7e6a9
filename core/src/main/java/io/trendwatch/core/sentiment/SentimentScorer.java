package io.trendwatch.core.sentiment;

import java.util.Collections;
import java.util.List;

/**
 * Labels post texts, a batch at a time (models are much faster batched). The
 * layers call it once per partition; {@link #UNSCORED} stands in until a model
 * is promoted, so the counting code path is the same with or without one.
 */
public interface SentimentScorer extends java.io.Serializable {

    /**
     * How many texts both layers hand to {@link #label} at once: enough for the model's batched forward pass to
     * pay, few enough that a partition's chunk stays small in memory.
     */
    int CHUNK = 512;

    /** One label per text, in order. */
    List<Sentiment> label(List<String> texts);

    /** The model version the labels come from, or {@code "none"}. */
    String version();

    SentimentScorer UNSCORED = new SentimentScorer() {
        private static final long serialVersionUID = 1L;

        @Override
        public List<Sentiment> label(List<String> texts) {
            return Collections.nCopies(texts.size(), Sentiment.UNSCORED);
        }

        @Override
        public String version() {
            return "none";
        }
    };
}
