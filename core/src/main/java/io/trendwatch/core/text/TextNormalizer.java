package io.trendwatch.core.text;

import org.apache.commons.text.StringEscapeUtils;

/** Character-level normalisation applied before tokenising. Pure functions. */
public final class TextNormalizer {

    private TextNormalizer() {
    }

    /** {@code &amp;} → {@code &}, {@code &lt;3} → {@code <3}; exported tweets are HTML-escaped. */
    public static String unescapeHtml(String text) {
        return text.indexOf('&') < 0 ? text : StringEscapeUtils.unescapeHtml4(text);
    }

    /**
     * Folds elongations so that {@code sooooo}, {@code soooo} and {@code sooo}
     * become one word: any run of three or more identical code points keeps two.
     */
    public static String squeezeRepeats(String word) {
        StringBuilder out = null;
        int prev = -1;
        int run = 0;
        for (int i = 0; i < word.length(); ) {
            int cp = word.codePointAt(i);
            int len = Character.charCount(cp);
            run = cp == prev ? run + 1 : 1;
            if (run > 2) {
                if (out == null) {
                    out = new StringBuilder(word.length()).append(word, 0, i);
                }
            } else if (out != null) {
                out.appendCodePoint(cp);
            }
            prev = cp;
            i += len;
        }
        return out == null ? word : out.toString();
    }

    /** Case folding, locale-independent. */
    public static String fold(String s) {
        return Term.fold(s);
    }
}
