package io.trendwatch.serving.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;

/**
 * A watchlist's alert episodes, newest first, and its webhook messages not yet delivered.
 *
 * @param undelivered messages queued and not yet accepted by their receiver (being retried)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AlertHistory(String watchlist, List<Alert> alerts, long undelivered) {

    /** One episode; {@code resolved} is absent while it is open. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Alert(String term, String rule, Instant started, double value, Instant resolved, Double resolvedValue) {
    }
}
