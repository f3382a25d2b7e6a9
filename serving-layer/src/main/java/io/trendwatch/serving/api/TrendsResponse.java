package io.trendwatch.serving.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * Terms ranked by trend score for the window ending at {@code at}; their estimated sentiment shares are
 * {@code adjusted} by the measured rates of {@code sentimentModel} or {@code counted} ({@code shareEstimate}).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TrendsResponse(String window, Instant from, Instant at, Instant boundary, String kind, String shareEstimate,
                             String sentimentModel, List<TrendItem> trends) {
}
