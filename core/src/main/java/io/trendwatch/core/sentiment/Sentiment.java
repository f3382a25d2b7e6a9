package io.trendwatch.core.sentiment;

import java.util.Locale;

/** The sentiment a post is counted under; {@code UNSCORED} until a model is promoted. */
public enum Sentiment {
    POSITIVE,
    NEUTRAL,
    NEGATIVE,
    UNSCORED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Sentiment parse(String label) {
        return valueOf(label.strip().toUpperCase(Locale.ROOT));
    }
}
