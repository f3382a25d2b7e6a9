package io.trendwatch.batch.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The reconcile rule, pure: every bucket the recount or the answer holds must
 * agree. An unlisted bucket counts as zero, except inside a not-kept span,
 * where it agrees when the recount is below the span's minimum.
 */
public final class SeriesComparison {

    private SeriesComparison() {
    }

    /**
     * @param recount  the master dataset's count per bucket (buckets with no post absent)
     * @param answer   the API's series of the same term, step and range
     */
    public static List<Mismatch> compare(Map<Instant, Long> recount, AnsweredSeries answer) {
        Instant boundary = answer.boundary();
        List<Mismatch> out = new ArrayList<>();
        TreeSet<Instant> buckets = new TreeSet<>(recount.keySet());
        buckets.addAll(answer.points().keySet());
        for (Instant b : buckets) {
            long expected = recount.getOrDefault(b, 0L);
            AnsweredSeries.Point p = answer.points().get(b);
            if (p != null) {
                if (p.posts() != expected) {
                    out.add(new Mismatch(answer.term(), b, expected, p.posts(), p.source()));
                }
                continue;
            }
            var span = answer.notKeptAt(b);
            if (span.isPresent() ? expected >= span.get().minPosts() : expected != 0) {
                out.add(new Mismatch(answer.term(), b, expected, 0, b.isBefore(boundary) ? "batch" : "speed"));
            }
        }
        return out;
    }
}
