package io.trendwatch.core.text;

/**
 * Recognises emoji on Java 17 (which lacks {@code Character.isEmoji}) and
 * reads a whole emoji cluster: flags, ZWJ sequences, skin tones and
 * variation selectors. Skin tones and variation selectors are dropped from the
 * canonical form so 👍 and 👍🏽 count as one term.
 */
final class Emoji {

    private static final int ZWJ = 0x200D;

    private Emoji() {
    }

    static boolean isEmojiStart(int cp) {
        if (cp >= 0x1F000 && cp <= 0x1FAFF) {
            return !isSkinTone(cp) && !(cp >= 0x1F700 && cp <= 0x1F8FF);
        }
        return (cp >= 0x2600 && cp <= 0x27BF)
                || cp == 0x231A || cp == 0x231B
                || (cp >= 0x23E9 && cp <= 0x23FA)
                || cp == 0x2B50 || cp == 0x2B55 || cp == 0x2B1B || cp == 0x2B1C
                || cp == 0x2934 || cp == 0x2935 || cp == 0x3030 || cp == 0x303D
                || cp == 0x203C || cp == 0x2049;
    }

    private static boolean isSkinTone(int cp) {
        return cp >= 0x1F3FB && cp <= 0x1F3FF;
    }

    private static boolean isVariationSelector(int cp) {
        return cp == 0xFE0F || cp == 0xFE0E;
    }

    private static boolean isRegionalIndicator(int cp) {
        return cp >= 0x1F1E6 && cp <= 0x1F1FF;
    }

    /** Reads the cluster that starts at {@code start}; returns its canonical text and end index. */
    static Cluster read(String text, int start) {
        StringBuilder canonical = new StringBuilder(4);
        int first = text.codePointAt(start);
        canonical.appendCodePoint(first);
        int i = start + Character.charCount(first);
        if (isRegionalIndicator(first) && i < text.length() && isRegionalIndicator(text.codePointAt(i))) {
            int second = text.codePointAt(i);
            canonical.appendCodePoint(second);
            i += Character.charCount(second);
            return new Cluster(canonical.toString(), i);
        }
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (isVariationSelector(cp) || isSkinTone(cp)) {
                i += Character.charCount(cp);
            } else if (cp == ZWJ && i + 1 < text.length() && isEmojiStart(text.codePointAt(i + 1))) {
                int next = text.codePointAt(i + 1);
                canonical.appendCodePoint(ZWJ).appendCodePoint(next);
                i += 1 + Character.charCount(next);
            } else {
                break;
            }
        }
        return new Cluster(canonical.toString(), i);
    }

    record Cluster(String text, int end) {
    }
}
