package io.trendwatch.batch.reconcile;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A term's series as the API answered it: posts and the view of each listed
 * bucket, and the spans where an unlisted bucket means "fewer than the view
 * keeps" rather than zero; {@code boundary} is the one it was merged at.
 */
public record AnsweredSeries(String term, Instant boundary, Map<Instant, Point> points, List<Span> notKept) {

    /** One listed bucket. */
    public record Point(long posts, String source) {
    }

    /** {@code [from, to)}: a bucket not listed had fewer than {@code minPosts} posts. */
    public record Span(Instant from, Instant to, String view, long minPosts) {
        boolean contains(Instant t) {
            return !t.isBefore(from) && t.isBefore(to);
        }
    }

    /** The span an unlisted bucket lies in, if any. */
    java.util.Optional<Span> notKeptAt(Instant bucket) {
        return notKept.stream().filter(s -> s.contains(bucket)).findFirst();
    }
}
