package io.trendwatch.core.trend;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a term's past says before a window: its share of the posts of the
 * stream's buckets just before the window (its posts over all their posts, so
 * a partial bucket weighs by what it holds), the spread of the buckets' shares
 * around it (weighted the same way), and how many posts those buckets held. Not
 * an EWMA: an EWMA's first bucket sets its mean and still weighs 0.31 after 12
 * buckets, and when a stream began mid-hour that first bucket is a short, noisy
 * one (a word absent from it was expected at a tenth of its rate). A bucket
 * in which the stream had posts but the term none counts as a share of 0
 * (the term's absence is evidence: a new term's first burst is compared with
 * the nothing it was before, not with itself); a bucket without
 * any post is skipped (no evidence either way). The history is read from the
 * views themselves, so a window gets the same baseline whichever layer holds
 * its past, before and after a batch run publishes.
 *
 * @param baseline the term's share baseline ({@link Baseline#EMPTY} when the stream had no post before the window)
 * @param posts    all posts of the history's buckets
 */
public record TermHistory(Baseline baseline, long posts) {

    public static final TermHistory NONE = new TermHistory(Baseline.EMPTY, 0);

    /** A bucket of the stream: its start and all its posts. */
    public record Bucket(Instant start, long posts) {
    }

    public TermHistory {
        if (posts < 0) {
            throw new IllegalArgumentException("posts must be non-negative");
        }
    }

    /**
     * @param stream the stream's buckets before the window, ascending (buckets without posts may be left out)
     * @param term   the term's posts per bucket start (absent: none)
     */
    public static TermHistory of(List<Bucket> stream, Map<Instant, Long> term) {
        long posts = 0;
        long count = 0;
        int buckets = 0;
        for (Bucket bucket : stream) {
            if (bucket.posts() > 0) {
                posts += bucket.posts();
                count += Math.min(bucket.posts(), term.getOrDefault(bucket.start(), 0L));
                buckets++;
            }
        }
        if (posts == 0) {
            return NONE;
        }
        double share = (double) count / posts;
        double spread = 0;
        for (Bucket bucket : stream) {
            if (bucket.posts() > 0) {
                double d = TrendScorer.share(Math.min(bucket.posts(), term.getOrDefault(bucket.start(), 0L)), bucket.posts()) - share;
                spread += bucket.posts() * d * d;
            }
        }
        return new TermHistory(new Baseline(share, spread / posts, buckets), posts);
    }

    /** Whether the stream had any post before the window: without, nothing can be told from the past. */
    public boolean known() {
        return posts > 0;
    }
}
