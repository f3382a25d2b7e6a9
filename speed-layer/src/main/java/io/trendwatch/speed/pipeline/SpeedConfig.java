package io.trendwatch.speed.pipeline;

import io.trendwatch.core.trend.TrendParams;

import java.io.Serializable;
import java.time.Duration;

/**
 * Settings of the streaming queries.
 *
 * @param wordMinPosts words (not hashtags, mentions, cashtags or emoji, which are
 *                     always kept) are written for a minute only once that many
 *                     posts in it contain them: this bounds the rows written per post
 */
public record SpeedConfig(
        String bootstrapServers,
        String postsTopic,
        String deadLetterTopic,
        String checkpointDir,
        Duration watermark,
        Duration trigger,
        long maxOffsetsPerTrigger,
        String startingOffsets,
        long wordMinPosts,
        String queryName,
        TrendParams trendParams) implements Serializable {

    public String viewsQueryName() {
        return queryName + "-views";
    }

    public String deadLetterQueryName() {
        return queryName + "-dlq";
    }

    /** Spark's interval syntax, e.g. "600 seconds". */
    public static String interval(Duration d) {
        return d.toMillis() + " milliseconds";
    }
}
