package io.trendwatch.serving.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * A term's counts over time; only buckets with posts are listed (an unknown term
 * has none), except inside a {@code not_kept} span, where an unlisted bucket had
 * fewer posts than the view keeps.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SeriesResponse(String term, String kind, String step, Instant from, Instant to, Instant boundary,
                             List<SeriesPoint> points, List<NotKept> notKept) {
}
