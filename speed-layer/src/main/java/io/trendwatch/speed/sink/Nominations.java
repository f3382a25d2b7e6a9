package io.trendwatch.speed.sink;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.time.Instant;

/**
 * The (hour, term) candidates this executor has written, with the best z-score written: a
 * candidate's row is rewritten only when a minute doubles it, so a term is written a few
 * times an hour (z of 2, 4, 8, ...), not on every micro-batch that adds a post to its minute
 * (a row for every supported term and micro-batch raised the speed layer's p99 freshness
 * from 9.8 s to 22.0 s, see docs/benchmarks.md). The API only orders candidates by it. Forgetting one (eviction,
 * another executor, a restart) only costs a rewrite of the same row.
 */
final class Nominations {

    private static final Cache<String, Double> BEST = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterWrite(Duration.ofHours(3))
            .build();

    private Nominations() {
    }

    /** Whether {@code zscore} is at least twice what was written for the term's hour. */
    static boolean improves(Instant hour, String term, double zscore) {
        Double best = BEST.getIfPresent(key(hour, term));
        return best == null || zscore >= 2 * best;
    }

    /** Remembers a written candidate, once its write succeeded (a failed task's retry writes it again). */
    static void written(Instant hour, String term, double zscore) {
        BEST.asMap().merge(key(hour, term), zscore, Math::max);
    }

    private static String key(Instant hour, String term) {
        return hour.toEpochMilli() + "|" + term;
    }
}
