package io.trendwatch.store.models;

import java.time.Instant;

/** A version put in use, with the metric it was judged on. */
public record Promotion(String name, String version, Instant promotedAt, String metricName, double metric,
                        boolean forced) {
}
