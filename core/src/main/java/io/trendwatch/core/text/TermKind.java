package io.trendwatch.core.text;

/** What a token is. Only the countable kinds become view terms. */
public enum TermKind {
    HASHTAG,
    MENTION,
    CASHTAG,
    EMOJI,
    WORD,
    URL;

    /** Lower-case name used in views, API parameters and the wire format. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
