package io.trendwatch.core.view;

import io.trendwatch.core.text.TermKind;
import io.trendwatch.core.time.Granularity;

/**
 * Which (bucket, term) counts the views keep, at each step. Cassandra writes are
 * the limit of both layers, and most rows would be words seen in one or two
 * posts of a minute. So every hashtag, mention, cashtag and emoji is always kept,
 * and a word is kept for a bucket only when at least this many posts of the
 * bucket contain it. Every kept count is exact. Both layers apply it, so the
 * batch and speed views of the same minute hold the same terms.
 *
 * @param minuteWordMinPosts words per minute (the speed layer and the batch minute view)
 * @param hourWordMinPosts   words per hour
 * @param dayWordMinPosts    words per day (1 keeps every word)
 */
public record ViewPolicy(long minuteWordMinPosts, long hourWordMinPosts, long dayWordMinPosts)
        implements java.io.Serializable {

    public static final ViewPolicy DEFAULT = new ViewPolicy(10, 2, 1);

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
