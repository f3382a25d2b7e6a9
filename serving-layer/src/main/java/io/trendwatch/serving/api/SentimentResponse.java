package io.trendwatch.serving.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/** Sentiment of the posts of a range (of a term, or of all posts when no term is given). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SentimentResponse(String term, Instant from, Instant to, Instant boundary, long posts, long positive,
                                long neutral, long negative, long unscored, List<String> sources) {
}
