package io.trendwatch.bench;

import io.trendwatch.core.post.Post;
import io.trendwatch.core.text.Term;
import io.trendwatch.core.text.TermKind;
import io.trendwatch.core.time.Granularity;

import io.trendwatch.core.view.ExamplePosts;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Counts the rows the speed views hold for a set of posts: one per minute
 * (the total), one per (minute, term) for every hashtag, mention, cashtag and
 * emoji, and one per (minute, word) for words in at least the minimum number
 * of that minute's posts. A pipeline that wrote every row exactly once would
 * write this many; rewrites of a changed row come on top. Also counts the
 * rows of the speed examples: one per (minute, term) with an eligible post.
 */
final class MinuteRows {

    private record Key(long minute, String term) {
    }

    private final long wordMinPosts;
    private final Map<Key, Integer> words = new HashMap<>();
    private final Map<Key, Boolean> others = new HashMap<>();
    private final Set<Key> examples = new HashSet<>();

    MinuteRows(long wordMinPosts) {
        this.wordMinPosts = wordMinPosts;
    }

    void add(Post post) {
        long minute = Granularity.MINUTE.bucketStartMillis(post.createdAt().toEpochMilli());
        others.put(new Key(minute, ""), Boolean.TRUE);
        boolean eligible = ExamplePosts.eligible(ExamplePosts.rank(post.id()));
        for (Term t : io.trendwatch.core.text.PostTerms.of(post)) {
            if (eligible) {
                examples.add(new Key(minute, t.text()));
            }
            if (t.kind() == TermKind.WORD) {
                words.merge(new Key(minute, t.text()), 1, Integer::sum);
            } else {
                others.put(new Key(minute, t.text()), Boolean.TRUE);
            }
        }
    }

    long exampleRows() {
        return examples.size();
    }

    long rows() {
        return others.size() + words.values().stream().filter(n -> n >= wordMinPosts).count();
    }
}
