package io.trendwatch.speed.sink;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.time.Instant;

/**
 * The (minute, term) examples this executor has written, by rank: a micro-batch that adds posts to a minute
 * re-emits its row with the same example unless a post of a smaller rank came, and writing it again would only
 * repeat the row. Forgetting one (eviction, another executor, a restart) costs a rewrite of the same row; what the
 * row holds is decided by the stream's state, not by this memory.
 */
final class WrittenExamples {

    private static final Cache<String, Long> RANKS = Caffeine.newBuilder()
            .maximumSize(500_000)
            .expireAfterWrite(Duration.ofHours(1))
            .build();

    record Written(Instant minute, String term, long rank) {
    }

    private WrittenExamples() {
    }

    /** Whether the minute's example of the term is not the one written last. */
    static boolean changes(Instant minute, String term, long rank) {
        Long written = RANKS.getIfPresent(key(minute, term));
        return written == null || written != rank;
    }

    /** Remembers an example once its write succeeded (a failed task's retry writes it again). */
    static void remember(Written w) {
        RANKS.put(key(w.minute(), w.term()), w.rank());
    }

    private static String key(Instant minute, String term) {
        return minute.toEpochMilli() + "|" + term;
    }
}
