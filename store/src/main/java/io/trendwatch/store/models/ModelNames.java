package io.trendwatch.store.models;

import java.util.List;

/** The names models are registered, promoted and stored under ({@code models/<name>/<version>/}). */
public final class ModelNames {

    public static final String SENTIMENT = "sentiment";
    public static final String TOPICS = "topics";
    public static final String TREND = "trend";
    /** Every name, in the order {@code model list} shows them. */
    public static final List<String> ALL = List.of(SENTIMENT, TOPICS, TREND);

    private ModelNames() {
    }
}
