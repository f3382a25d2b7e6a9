package io.trendwatch.core.text;

import io.trendwatch.core.post.Post;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The terms a post contributes to the views: each countable term once, however
 * often the post repeats it. A term's count in a bucket is therefore the
 * number of distinct posts containing it, in the batch and the speed layer alike.
 */
public final class PostTerms {

    /** Pseudo-term both layers count once per post beside its terms: its counts are the bucket totals. */
    public static final String TOTAL = "*";
    /** The kind the views give {@link #TOTAL}. */
    public static final String TOTAL_KIND = "total";

    private PostTerms() {
    }

    /** One (term, kind) a post adds 1 to in the count views of its bucket. */
    public record Counted(String term, String kind) {
    }

    /**
     * What a post adds to the count views of its bucket, in both layers: each of its terms once, then
     * {@link #TOTAL}, whose counts are the bucket's totals.
     */
    public static List<Counted> counted(Post post) {
        Set<Term> terms = of(post);
        List<Counted> out = new ArrayList<>(terms.size() + 1);
        for (Term t : terms) {
            out.add(new Counted(t.text(), t.kind().label()));
        }
        out.add(new Counted(TOTAL, TOTAL_KIND));
        return out;
    }

    public static Set<Term> of(Post post) {
        Set<Term> terms = ofText(post.text());
        // entities may name tags the (possibly truncated) text no longer shows
        for (String h : post.hashtags()) {
            terms.add(Term.hashtag(h));
        }
        for (String m : post.mentions()) {
            terms.add(Term.mention(m));
        }
        return terms;
    }

    /** The countable terms of a text, each once, in order of first appearance (a post's terms before its entities). */
    public static Set<Term> ofText(String text) {
        Set<Term> terms = new LinkedHashSet<>();
        for (Term t : Tokenizer.tokenize(text == null ? "" : text)) {
            if (t.isCountable()) {
                terms.add(t);
            }
        }
        return terms;
    }
}
