package io.trendwatch.batch.run;

import io.trendwatch.batch.views.RecomputePlan;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.text.PostTerms;
import io.trendwatch.core.text.Term;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.core.view.ViewPolicy;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The batch views a plan must produce, computed here in plain Java: distinct
 * posts (by id) per UTC bucket and term at each step, complete buckets of the
 * plan's range only, words from the policy's minimum up, totals under "*".
 */
final class ExpectedBatchViews {

    record Key(String step, Instant bucket, String term) {
    }

    static Map<Key, Long> of(List<Post> posts, RecomputePlan plan, ViewPolicy policy) {
        Map<Key, Long> counts = new HashMap<>();
        Map<String, String> kinds = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (Post p : posts) {
            if (!seen.add(p.id())) {
                continue;
            }
            for (Granularity step : Granularity.values()) {
                Instant bucket = step.bucketStart(p.createdAt());
                Instant from = step == Granularity.MINUTE ? plan.minuteFrom() : plan.viewsFrom();
                if (bucket.isBefore(from) || bucket.plusMillis(step.millis()).isAfter(plan.viewsTo())) {
                    continue;
                }
                counts.merge(new Key(step.label(), bucket, "*"), 1L, Long::sum);
                for (Term t : PostTerms.of(p)) {
                    counts.merge(new Key(step.label(), bucket, t.text()), 1L, Long::sum);
                    kinds.put(t.text(), t.kind().label());
                }
            }
        }
        counts.entrySet().removeIf(e -> !e.getKey().term().equals("*")
                && !policy.keeps(kinds.get(e.getKey().term()), Granularity.parse(e.getKey().step()), e.getValue()));
        return counts;
    }
}
