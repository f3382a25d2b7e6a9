package io.trendwatch.core.source;

import java.time.Instant;

/** Twitter Snowflake ids carry their creation time in the top 41 bits. */
public final class Snowflake {

    /** Twitter's epoch, 2010-11-04T01:42:54.657Z. */
    public static final long TWITTER_EPOCH_MILLIS = 1288834974657L;

    private Snowflake() {
    }

    public static Instant createdAt(long id) {
        if (id <= 0) {
            throw new IllegalArgumentException("a Snowflake id is positive, got " + id);
        }
        return Instant.ofEpochMilli((id >> 22) + TWITTER_EPOCH_MILLIS);
    }

    /** An id for {@code time} with a 22-bit sequence, ordered by time like Twitter's. */
    public static long idAt(Instant time, long sequence) {
        long millis = time.toEpochMilli() - TWITTER_EPOCH_MILLIS;
        if (millis < 0) {
            throw new IllegalArgumentException("time before the Snowflake epoch: " + time);
        }
        return (millis << 22) | (sequence & 0x3FFFFF);
    }
}
