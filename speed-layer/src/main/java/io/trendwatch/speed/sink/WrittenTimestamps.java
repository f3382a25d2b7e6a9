package io.trendwatch.speed.sink;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.time.Instant;

/**
 * The greatest write timestamp this executor has sent per (bucket, term) row of a table whose rows the writers stamp
 * with a timestamp of their own choosing, so that Cassandra keeps the row of the greatest ({@code Tables.SPEED_TRENDING}:
 * a minute's posts; {@code Tables.SPEED_TERM_EXAMPLES}: minus a post's rank). A write at a timestamp not greater would change
 * nothing, so it is not sent. Forgetting one (eviction, another executor, a restart) costs a write that changes
 * nothing: what the row holds is decided in Cassandra, this memory only spares writes.
 */
final class WrittenTimestamps {

    private final Cache<String, Long> greatest;

    WrittenTimestamps(long maximumSize, Duration expireAfterWrite) {
        greatest = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(expireAfterWrite).build();
    }

    /** Whether a write at {@code writeTime} could change the row of the bucket and term. */
    boolean changes(Instant bucket, String term, long writeTime) {
        Long written = greatest.getIfPresent(key(bucket, term));
        return written == null || writeTime > written;
    }

    /** Remembers a write once it succeeded (a failed task's retry sends it again). */
    void written(Instant bucket, String term, long writeTime) {
        greatest.asMap().merge(key(bucket, term), writeTime, Math::max);
    }

    private static String key(Instant bucket, String term) {
        return bucket.toEpochMilli() + "|" + term;
    }
}
