package io.trendwatch.serving.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * A trending term: its posts in the window, what its baseline expected, the
 * shared scorer's verdict, its sentiment split, and which views the count came from.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TrendItem(String term, String kind, long posts, double expected, double change, Double changeRatio,
                        double score, double zscore, double surprise, boolean trending,
                        long positive, long neutral, long negative, long unscored, List<String> sources) {
}
