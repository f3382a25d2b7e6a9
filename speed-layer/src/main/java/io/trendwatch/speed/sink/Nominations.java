package io.trendwatch.speed.sink;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.time.Instant;

/**
 * The (hour, term) candidates this executor has written, with the most posts in one minute written:
 * a candidate's row is rewritten only when a minute of its hour beats that count, so the row
 * holds the term's best minute of the hour, which is what the API orders candidates by
 * ({@code TrendCandidates}). Rewriting only on a doubling of the z-score left a new term's row
 * at its first minute (3 posts for a burst of 4 a minute), tied with thousands of words and
 * read or not by their alphabetical order. A term is written at most once per post of its best
 * minute an hour, not on every micro-batch that adds a post to its minute (a row for every
 * supported term and micro-batch raised the speed layer's p99 freshness from 9.8 s to 22.0 s,
 * see docs/benchmarks.md). Forgetting one (eviction, another executor, a restart) only costs a
 * rewrite of the same row. What the row holds is decided in Cassandra ({@code Tables.SPEED_TRENDING_TIMESTAMP}):
 * this memory only spares writes.
 */
final class Nominations {

    private static final Cache<String, Long> BEST = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterWrite(Duration.ofHours(3))
            .build();

    private Nominations() {
    }

    /** Whether a minute with {@code posts} beats the best minute written for the term's hour. */
    static boolean improves(Instant hour, String term, long posts) {
        Long best = BEST.getIfPresent(key(hour, term));
        return best == null || posts > best;
    }

    /** Remembers a written candidate, once its write succeeded (a failed task's retry writes it again). */
    static void written(Instant hour, String term, long posts) {
        BEST.asMap().merge(key(hour, term), posts, Math::max);
    }

    private static String key(Instant hour, String term) {
        return hour.toEpochMilli() + "|" + term;
    }
}
