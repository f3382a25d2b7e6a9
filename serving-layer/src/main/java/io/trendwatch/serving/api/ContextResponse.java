package io.trendwatch.serving.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;

/**
 * Why a term trends in a window: example posts that name it, the terms found beside it in them more often than in
 * all posts, and its sentiment against the week before.
 *
 * @param minutesWithExample minutes of the window that kept an example of the term (the pool the examples and the
 *                           related terms come from; one post in {@code ExamplePosts.ONE_IN} is eligible)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ContextResponse(String term, String kind, String window, Instant from, Instant at, Instant boundary,
                              List<Example> examples, int minutesWithExample, List<Related> related, SentimentShift sentiment,
                              List<String> sources) {

    /** An example post; {@code source} is the layer that kept it (batch before the boundary, speed after). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Example(String id, Instant createdAt, String text, String sentiment, String source) {
    }

    /**
     * A term found beside the asked one.
     *
     * @param examples     the examples that name it
     * @param shareOfExamples {@code examples} over the pool of examples
     * @param posts        its posts in the counted hours (all posts, not only those with the term)
     * @param shareOfPosts {@code posts} over all posts of the counted hours
     * @param lift         {@code shareOfExamples / shareOfPosts}: how many times more often it appears with the term
     * @param weight       {@code examples × ln(lift)}, the order of the list: frequent and specific companions first
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Related(String term, String kind, long examples, double shareOfExamples, long posts, double shareOfPosts,
                          double lift, double weight) {
    }

    /**
     * The term's sentiment in the hours the window touches against the seven days before them.
     *
     * @param positiveShareChange change of the estimated positive share (window minus baseline)
     * @param shareEstimate       {@code adjusted} (by the measured rates of {@code sentimentModel}) or {@code counted}
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SentimentShift(Instant from, Instant to, Split window, Instant baselineFrom, Split baseline,
                                 Double positiveShareChange, Double negativeShareChange, String shareEstimate,
                                 String sentimentModel) {
    }

    /**
     * Posts and their labels. Shares are of the scored posts, null when none was scored: {@code positiveShare} and
     * {@code negativeShare} as counted, the estimated ones as the shift's {@code shareEstimate} says.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Split(long posts, long positive, long neutral, long negative, long unscored, Double positiveShare,
                        Double negativeShare, Double estimatedPositiveShare, Double estimatedNegativeShare) {
    }
}
