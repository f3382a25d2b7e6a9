package io.trendwatch.speed.pipeline;

import io.trendwatch.core.config.KafkaSecurity;
import io.trendwatch.core.post.EventTimeGuard;
import io.trendwatch.core.trend.TrendParams;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * Settings of the streaming queries.
 *
 * @param eventTimeGuard how far past its arrival on Kafka a post may be dated; later
 *                       ones are dead letters ({@code FUTURE_TIMESTAMP}) and never reach the watermark
 * @param acceptDataLoss go on past offsets that retention deleted before they were read (they are counted
 *                       as lost); otherwise the query fails
 * @param kafkaSecurity  how the Kafka source, the dead-letter sink and the driver's consumer log in
 * @param countFrom      the earliest time the views and examples count: a post dated before it is left to the batch
 *                       layer's views (counted as such, never in a speed view); {@link #COUNT_ALL} counts every post
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
        EventTimeGuard eventTimeGuard,
        String queryName,
        TrendParams trendParams,
        boolean acceptDataLoss,
        KafkaSecurity kafkaSecurity,
        Instant countFrom) implements Serializable {

    /** Every post is counted. */
    public static final Instant COUNT_ALL = Instant.MIN;

    public String viewsQueryName() {
        return queryName + "-views";
    }

    public String deadLetterQueryName() {
        return queryName + "-dlq";
    }

    public String examplesQueryName() {
        return queryName + "-examples";
    }

    /** Spark's interval syntax, e.g. "600 seconds". */
    public static String interval(Duration d) {
        return d.toMillis() + " milliseconds";
    }
}
