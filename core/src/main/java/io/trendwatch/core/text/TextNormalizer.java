package io.trendwatch.core.text;

import org.apache.commons.text.StringEscapeUtils;

/** Character-level normalisation applied before tokenising. Pure functions. */
public final class TextNormalizer {

    private TextNormalizer() {
    }

    /**
     * Undoes the escaping that exports leave in post texts: literal
     * {@code \u2019}-style escapes (common in the SemEval exports), then HTML
     * entities ({@code &amp;} → {@code &}, {@code &lt;3} → {@code <3}).
     */
    public static String unescape(String text) {
        String s = text.indexOf("\\u") < 0 ? text : unescapeUnicode(text);
        return s.indexOf('&') < 0 ? s : StringEscapeUtils.unescapeHtml4(s);
    }

    /** Replaces each literal backslash-u-XXXX escape by its character; anything else is kept as it is. */
    static String unescapeUnicode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 6 <= text.length() && text.charAt(i + 1) == 'u' && isHex(text, i + 2, i + 6)) {
                out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                i += 6;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static boolean isHex(String s, int from, int to) {
        if (to > s.length()) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
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
