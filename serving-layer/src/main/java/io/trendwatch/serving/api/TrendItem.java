package io.trendwatch.serving.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.trendwatch.serving.db.ViewReader;

import java.util.Comparator;
import java.util.List;

/**
 * A trending term: its posts in the window, what its baseline expected, the
 * shared scorer's verdict, its sentiment split (the exact counts, and the
 * positive and negative shares of the scored posts as the answer's
 * {@code share_estimate} says; null when none was scored), which views the
 * count came from, and the trend model's prediction for the hour of
 * {@code at} (null when the model made none for that hour: predictions come
 * with the batch runs).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TrendItem(String term, String kind, long posts, double expected, double change, Double changeRatio,
                        double score, double zscore, double surprise, boolean trending,
                        long positive, long neutral, long negative, long unscored, Double estimatedPositiveShare,
                        Double estimatedNegativeShare, List<String> sources,
                        ViewReader.Prediction prediction) {

    /**
     * The order of an answer: terms the scorer flags first, then by score. A busy word can score
     * higher than a small burst that passes the thresholds; analysts look for the burst.
     */
    public static final Comparator<TrendItem> RANKING = Comparator.comparing(TrendItem::trending).reversed()
            .thenComparing(Comparator.comparingDouble(TrendItem::score).reversed())
            .thenComparing(Comparator.comparingLong(TrendItem::posts).reversed())
            .thenComparing(TrendItem::term);
}
