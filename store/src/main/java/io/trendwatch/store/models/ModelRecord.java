package io.trendwatch.store.models;

import java.time.Instant;
import java.util.Map;

/** One trained model in the registry. */
public record ModelRecord(String name, String version, Instant createdAt, Instant trainFrom, Instant trainTo,
                          Map<String, String> params, Map<String, Double> metrics, String artifact, String status) {
}
