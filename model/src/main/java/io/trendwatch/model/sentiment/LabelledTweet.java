package io.trendwatch.model.sentiment;

import io.trendwatch.core.sentiment.Sentiment;

/** A tweet with its human sentiment label. */
public record LabelledTweet(long id, Sentiment label, String text) {

    public LabelledTweet {
        if (label == Sentiment.UNSCORED) {
            throw new IllegalArgumentException("a labelled tweet needs positive, neutral or negative");
        }
    }

    /** The class index the network uses: the order of {@link Sentiment}. */
    public int classIndex() {
        return label.ordinal();
    }
}
