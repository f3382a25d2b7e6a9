package io.trendwatch.speed.sink;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.time.Instant;

/**
 * The smallest rank of each (minute, term) this executor has written to the speed examples: a candidate of a rank
 * not smaller would not change the row (Cassandra keeps the smallest rank, {@code ExampleRows#speedWriteTime}), so it
 * is not sent. Forgetting one (eviction, another executor, a restart) costs a write that changes nothing; what the
 * row holds is decided by the write timestamps, not by this memory.
 */
final class WrittenExamples {

    private static final Cache<String, Long> RANKS = Caffeine.newBuilder()
            .maximumSize(500_000)
            .expireAfterWrite(Duration.ofHours(1))
            .build();

    private WrittenExamples() {
    }

    /** Whether a candidate of {@code rank} could change the example of the minute written so far. */
    static boolean improves(Instant minute, String term, long rank) {
        Long written = RANKS.getIfPresent(key(minute, term));
        return written == null || rank < written;
    }

    /** Remembers a rank once its write succeeded (a failed task's retry writes it again). */
    static void remember(Instant minute, String term, long rank) {
        RANKS.asMap().merge(key(minute, term), rank, Math::min);
    }

    private static String key(Instant minute, String term) {
        return minute.toEpochMilli() + "|" + term;
    }
}
