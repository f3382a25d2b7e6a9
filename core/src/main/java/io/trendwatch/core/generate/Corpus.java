package io.trendwatch.core.generate;

import io.trendwatch.core.post.Post;
import io.trendwatch.core.text.Term;
import io.trendwatch.core.text.TermKind;
import io.trendwatch.core.text.Tokenizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Real post texts to build generated posts from, and the hashtags they use,
 * most frequent first (ties by name, so the order is reproducible).
 */
public record Corpus(List<String> texts, List<String> hashtagsByFrequency) {

    public Corpus {
        texts = List.copyOf(texts);
        hashtagsByFrequency = List.copyOf(hashtagsByFrequency);
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("the corpus has no texts");
        }
    }

    /** Distinct texts in first-seen order; hashtags counted by distinct post. */
    public static Corpus of(List<Post> posts) {
        LinkedHashSet<String> texts = new LinkedHashSet<>();
        Map<String, Integer> tagCounts = new HashMap<>();
        for (Post p : posts) {
            if (texts.add(p.text())) {
                for (Term t : new LinkedHashSet<>(Tokenizer.tokenize(p.text()))) {
                    if (t.kind() == TermKind.HASHTAG) {
                        tagCounts.merge(t.text(), 1, Integer::sum);
                    }
                }
            }
        }
        List<String> tags = new ArrayList<>(tagCounts.keySet());
        tags.sort(Comparator.comparing((String t) -> -tagCounts.get(t)).thenComparing(Comparator.naturalOrder()));
        return new Corpus(new ArrayList<>(texts), tags);
    }
}
