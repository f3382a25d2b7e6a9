package io.trendwatch.speed;

import io.trendwatch.core.post.Post;
import io.trendwatch.core.text.PostTerms;
import io.trendwatch.core.text.Term;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The counts the speed views must hold, computed here in plain Java: distinct
 * posts (by id) per UTC minute and term, words only from the minimum count up.
 */
final class ExpectedViews {

    record Key(String term, Instant bucket) {
    }

    final Map<Key, Long> termCounts = new HashMap<>();
    final Map<Instant, Long> totals = new HashMap<>();

    /** Every term of every minute, counted once per distinct post: what the speed view must hold. */
    static ExpectedViews of(List<Post> posts) {
        ExpectedViews e = new ExpectedViews();
        Set<String> seen = new HashSet<>();
        for (Post p : posts) {
            if (!seen.add(p.id())) {
                continue;
            }
            long ms = p.createdAt().toEpochMilli();
            Instant minute = Instant.ofEpochMilli(ms - Math.floorMod(ms, 60_000L));
            e.totals.merge(minute, 1L, Long::sum);
            for (Term t : PostTerms.of(p)) {
                Key k = new Key(t.text(), minute);
                e.termCounts.merge(k, 1L, Long::sum);
            }
        }
        return e;
    }

    long distinctPosts() {
        return totals.values().stream().mapToLong(Long::longValue).sum();
    }
}
