package io.trendwatch.serving.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;

/**
 * Share of voice of a set of terms over a range: each term's posts, its share of the set's mentions (a post that
 * names two of the terms is a mention of each, as share of voice is counted) and its share of all posts, over the
 * whole range and per bucket of the step.
 *
 * @param allPosts all posts of the range
 * @param mentions the terms' posts summed
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ShareResponse(List<String> terms, String step, Instant from, Instant to, Instant boundary, long allPosts,
                            long mentions, List<TermShare> shares, List<Point> points) {

    /** A term's part of a bucket or of the range; a share is null where its whole is 0. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TermShare(String term, long posts, Double shareOfVoice, Double shareOfPosts) {

        public static TermShare of(String term, long posts, long mentions, long allPosts) {
            return new TermShare(term, posts, mentions == 0 ? null : (double) posts / mentions,
                    allPosts == 0 ? null : (double) posts / allPosts);
        }
    }

    /** One bucket: its posts, the terms' mentions and each term's part, in the order the terms were asked. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Point(Instant bucket, long allPosts, long mentions, List<TermShare> shares) {
    }
}
