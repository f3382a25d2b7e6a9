package io.trendwatch.serving.context;

import io.trendwatch.core.text.PostTerms;
import io.trendwatch.core.text.Term;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The terms named beside a term in its example posts, tokenized as the layers tokenize (each once per post). The
 * examples are a uniform sample of the term's posts ({@code ExamplePosts}), so a companion's share of them estimates
 * its share of all the term's posts. Candidates are the terms of at least {@link #MIN_EXAMPLES} examples and
 * {@link #MIN_SHARE} of them; they are ordered by {@code examples × ln(lift)} (their part of the mutual information
 * of the two terms), so a companion of every example comes before a rare word that two examples happen to share.
 */
public final class Companions {

    static final int MIN_EXAMPLES = 2;
    static final double MIN_SHARE = 0.05;

    private Companions() {
    }

    /** A candidate: the term, its kind, and the examples that name it. */
    public record Candidate(Term term, long examples) {
    }

    /** Up to {@code max} candidates among the texts, the most frequent first (ties by term). */
    public static List<Candidate> candidates(String term, Collection<String> texts, int max) {
        Map<Term, Long> seen = new HashMap<>();
        for (String text : texts) {
            for (Term t : PostTerms.ofText(text)) {
                if (!t.text().equals(term)) {
                    seen.merge(t, 1L, Long::sum);
                }
            }
        }
        long min = Math.max(MIN_EXAMPLES, (long) Math.ceil(MIN_SHARE * texts.size()));
        return seen.entrySet().stream().filter(e -> e.getValue() >= min)
                .sorted(Comparator.comparingLong((Map.Entry<Term, Long> e) -> -e.getValue())
                        .thenComparing(e -> e.getKey().text()))
                .limit(max).map(e -> new Candidate(e.getKey(), e.getValue())).toList();
    }

    /** {@code examples × ln(lift)}: positive only when the companion is more frequent with the term than without. */
    public static double weight(long examples, double lift) {
        return lift <= 0 ? Double.NEGATIVE_INFINITY : examples * Math.log(lift);
    }
}
