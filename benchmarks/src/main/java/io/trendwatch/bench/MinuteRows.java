package io.trendwatch.bench;

import io.trendwatch.core.post.Post;
import io.trendwatch.core.text.Term;
import io.trendwatch.core.text.TermKind;
import io.trendwatch.core.time.Granularity;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts the rows the speed views hold for a set of posts: one per minute
 * (the total), one per (minute, term) for every hashtag, mention, cashtag and
 * emoji, and one per (minute, word) for words in at least the minimum number
 * of that minute's posts. A pipeline that wrote every row exactly once would
 * write this many; rewrites of a changed row come on top.
 */
final class MinuteRows {

    private record Key(long minute, String term) {
    }

    private final long wordMinPosts;
    private final Map<Key, Integer> words = new HashMap<>();
    private final Map<Key, Boolean> others = new HashMap<>();

    MinuteRows(long wordMinPosts) {
        this.wordMinPosts = wordMinPosts;
    }

    void add(Post post) {
        long minute = Granularity.MINUTE.bucketStartMillis(post.createdAt().toEpochMilli());
        others.put(new Key(minute, ""), Boolean.TRUE);
        for (Term t : io.trendwatch.core.text.PostTerms.of(post)) {
            if (t.kind() == TermKind.WORD) {
                words.merge(new Key(minute, t.text()), 1, Integer::sum);
            } else {
                others.put(new Key(minute, t.text()), Boolean.TRUE);
            }
        }
    }

    long rows() {
        return others.size() + words.values().stream().filter(n -> n >= wordMinPosts).count();
    }
}
