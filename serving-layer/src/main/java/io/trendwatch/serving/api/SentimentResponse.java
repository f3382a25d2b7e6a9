package io.trendwatch.serving.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * Sentiment of the posts of a range (of a term, or of all posts when no term is given): the counts, their shares of
 * the scored posts as counted (null when none was scored), and the shares estimated as {@code shareEstimate} says:
 * {@code adjusted} by the measured rates of {@code sentimentModel}, or {@code counted}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SentimentResponse(String term, Instant from, Instant to, Instant boundary, long posts, long positive,
                                long neutral, long negative, long unscored, Double positiveShare, Double negativeShare,
                                Double estimatedPositiveShare, Double estimatedNegativeShare, String shareEstimate,
                                String sentimentModel, List<String> sources) {
}
