package io.trendwatch.model.sentiment;

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
}
