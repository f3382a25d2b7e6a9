package io.trendwatch.model.sentiment;

import io.trendwatch.core.text.Term;
import io.trendwatch.core.text.TermKind;
import io.trendwatch.core.text.Tokenizer;

import java.util.List;

/**
 * Turns a post's text into hashed feature ids in the fastText style: every
 * token of the shared tokenizer (stop words included: "not" matters here),
 * adjacent token pairs, and the character n-grams of each word, so that
 * misspellings and elongations share features with the word. Pure and
 * stateless; the same spec gives the same ids in every JVM.
 */
public final class SentimentFeatures {

    private final FeatureSpec spec;

    public SentimentFeatures(FeatureSpec spec) {
        this.spec = spec;
    }

    public FeatureSpec spec() {
        return spec;
    }

    /** Feature ids in [1, buckets), at most {@code maxFeatures}; never empty (an empty text gets a marker). */
    public int[] ids(String text) {
        List<Term> terms = Tokenizer.tokenize(text == null ? "" : text);
        int[] out = new int[spec.maxFeatures()];
        int n = 0;
        long previous = 0;
        for (int t = 0; t < terms.size() && n < out.length; t++) {
            Term term = terms.get(t);
            // links carry no sentiment and are unique: one shared feature for all of them
            String token = term.kind() == TermKind.URL ? "<url>" : term.text();
            long h = hash(token, 0x9E3779B97F4A7C15L);
            out[n++] = bucket(h);
            if (spec.bigrams() && t > 0 && n < out.length) {
                out[n++] = bucket(mix(previous * 31 + h));
            }
            previous = h;
            if (spec.charMin() > 0 && term.kind() == TermKind.WORD) {
                n = charGrams(token, out, n);
            }
        }
        if (spec.cues()) {
            // cues go first into what is left: a long text drops its last character n-grams, not its polarity
            // each cue counts WEIGHT times: hashed once, its id repeated
            List<String> once = SentimentCues.of(text == null ? "" : text, terms);
            int room = Math.min(once.size() * SentimentCues.WEIGHT, out.length);
            int keep = Math.min(n, out.length - room);
            int[] merged = new int[keep + room];
            System.arraycopy(out, 0, merged, 0, keep);
            for (int i = 0; i < room; i++) {
                if (i < once.size()) {
                    merged[keep + i] = bucket(hash(once.get(i), 0x165667B19E3779F9L));
                } else {
                    merged[keep + i] = merged[keep + i - once.size()];
                }
            }
            return merged;
        }
        if (n == 0) {
            out[n++] = bucket(hash("<empty>", 0x9E3779B97F4A7C15L));
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private int charGrams(String word, int[] out, int n) {
        String w = "<" + word + ">";
        for (int len = spec.charMin(); len <= spec.charMax(); len++) {
            for (int i = 0; i + len <= w.length() && n < out.length; i++) {
                if (len == w.length()) {
                    continue; // the whole word is already a feature
                }
                out[n++] = bucket(hash(w, i, i + len, 0xC2B2AE3D27D4EB4FL));
            }
        }
        return n;
    }

    private int bucket(long h) {
        return 1 + (int) Long.remainderUnsigned(h, spec.buckets() - 1);
    }

    static long hash(String s, long seed) {
        return hash(s, 0, s.length(), seed);
    }

    // FNV-1a over UTF-16 units, then a finalising mix: stable across JVMs, unlike String.hashCode's spread
    private static long hash(String s, int from, int to, long seed) {
        long h = 0xcbf29ce484222325L ^ seed;
        for (int i = from; i < to; i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    /** A 64-bit finaliser (MurmurHash3's): spreads every input bit over the output. */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
