package io.trendwatch.core.text;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A normalised token. {@code text} is the canonical form that views are keyed
 * by: {@code #sale}, {@code @nike}, {@code $aapl}, {@code 😂}, {@code coffee}.
 * Case is folded for every kind except URLs, so {@code #Sale} and
 * {@code #sale} are one term.
 */
public record Term(TermKind kind, String text) {

    public Term {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    public static Term hashtag(String name) {
        return new Term(TermKind.HASHTAG, "#" + fold(stripPrefix(name, '#')));
    }

    public static Term mention(String name) {
        return new Term(TermKind.MENTION, "@" + fold(stripPrefix(name, '@')));
    }

    /**
     * Reads a term the way a person types it into a search box: {@code #Apple},
     * {@code @Apple}, {@code $AAPL}, {@code 😂} or {@code Apple}. Returns empty
     * when the input holds no term at all (blank, punctuation only).
     */
    public static Optional<Term> parse(String input) {
        if (input == null) {
            return Optional.empty();
        }
        String trimmed = input.strip();
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        return Tokenizer.tokenize(trimmed).stream()
                .filter(t -> t.kind() != TermKind.URL)
                .findFirst();
    }

    /** Whether this term is counted in the views (URLs and stop words are not). */
    public boolean isCountable() {
        return switch (kind) {
            case URL -> false;
            case WORD -> !StopWords.contains(text) && text.codePointCount(0, text.length()) >= 2
                    && !text.chars().allMatch(Character::isDigit);
            default -> true;
        };
    }

    private static String stripPrefix(String s, char prefix) {
        return !s.isEmpty() && s.charAt(0) == prefix ? s.substring(1) : s;
    }

    static String fold(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
