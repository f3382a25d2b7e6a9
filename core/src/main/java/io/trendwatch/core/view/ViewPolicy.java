package io.trendwatch.core.view;

import io.trendwatch.core.text.TermKind;
import io.trendwatch.core.time.Granularity;

/**
 * Which (bucket, term) counts the batch view keeps, at each step. Every hashtag,
 * mention, cashtag and emoji is always kept, and a word is kept for a bucket
 * only when at least this many posts of the bucket contain it. Every kept count
 * is exact. Hours and days keep every word: they are what the API answers for
 * every term, on both sides of the boundary, and a straddling day is summed
 * from batch hours. Minutes of a word below the minimum are not kept, and the
 * API says so in its answer rather than answering zero. The speed view keeps
 * every term of every minute: its hours and days are rolled up from them.
 *
 * @param minuteWordMinPosts words per minute (the batch minute view)
 * @param hourWordMinPosts   words per hour
 * @param dayWordMinPosts    words per day (1 keeps every word)
 */
public record ViewPolicy(long minuteWordMinPosts, long hourWordMinPosts, long dayWordMinPosts)
        implements java.io.Serializable {

    public static final ViewPolicy DEFAULT = new ViewPolicy(10, 1, 1);

    public ViewPolicy {
        if (minuteWordMinPosts < 1 || hourWordMinPosts < 1 || dayWordMinPosts < 1) {
            throw new IllegalArgumentException("word minimums must be at least 1");
        }
    }

    public long wordMinPosts(Granularity step) {
        return switch (step) {
            case MINUTE -> minuteWordMinPosts;
            case HOUR -> hourWordMinPosts;
            case DAY -> dayWordMinPosts;
        };
    }

    /** Whether a term of this kind seen in {@code posts} posts of a bucket at {@code step} is kept. */
    public boolean keeps(String kind, Granularity step, long posts) {
        return !TermKind.WORD.label().equals(kind) || posts >= wordMinPosts(step);
    }
}
