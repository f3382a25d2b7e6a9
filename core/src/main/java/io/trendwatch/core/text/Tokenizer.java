package io.trendwatch.core.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a post's text into terms in one pass over its code points.
 * Hashtags, mentions, cashtags, emoji (and text emoticons such as {@code :)}
 * and {@code <3}) and URLs are kept whole; words are
 * case-folded and de-elongated. Stop words are kept here (the sentiment model
 * needs them) and dropped by {@link Term#isCountable()}.
 *
 * <p>Hand-written rather than one regular expression: it is on the hot path of
 * both layers and a scanner is about twice as fast.
 */
public final class Tokenizer {

    private Tokenizer() {
    }

    public static List<Term> tokenize(String rawText) {
        String text = TextNormalizer.unescape(rawText);
        List<Term> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            int end;
            if ((cp == 'h' || cp == 'H' || cp == 'w' || cp == 'W') && (end = urlEnd(text, i)) > i) {
                out.add(new Term(TermKind.URL, text.substring(i, end)));
                i = end;
            } else if ((cp == '#' || cp == '＃') && !isWordChar(before(text, i)) && (end = hashtagEnd(text, i + 1)) > i + 1) {
                out.add(new Term(TermKind.HASHTAG, "#" + Term.fold(text.substring(i + 1, end))));
                i = end;
            } else if ((cp == '@' || cp == '＠') && !isWordChar(before(text, i)) && (end = mentionEnd(text, i + 1)) > i + 1) {
                out.add(new Term(TermKind.MENTION, "@" + Term.fold(text.substring(i + 1, end))));
                i = end;
            } else if (cp == '$' && !isWordChar(before(text, i)) && (end = cashtagEnd(text, i + 1)) > i + 1) {
                out.add(new Term(TermKind.CASHTAG, "$" + Term.fold(text.substring(i + 1, end))));
                i = end;
            } else if ((end = Emoticons.end(text, i)) > i) {
                out.add(new Term(TermKind.EMOJI, Emoticons.canonical(text.substring(i, end))));
                i = end;
            } else if (Emoji.isEmojiStart(cp)) {
                Emoji.Cluster cluster = Emoji.read(text, i);
                out.add(new Term(TermKind.EMOJI, cluster.text()));
                i = cluster.end();
            } else if (isLetterOrDigit(cp)) {
                end = wordEnd(text, i);
                String word = text.substring(i, end).replace('\u2019', '\'');
                out.add(new Term(TermKind.WORD, TextNormalizer.squeezeRepeats(Term.fold(word))));
                i = end;
            } else {
                i += Character.charCount(cp);
            }
        }
        return out;
    }

    /** URLs as they appear in the text, in order (t.co links truncated by exports included). */
    public static List<String> urls(String rawText) {
        return tokenize(rawText).stream().filter(t -> t.kind() == TermKind.URL).map(Term::text).toList();
    }

    private static int urlEnd(String text, int start) {
        if (!startsWithIgnoreCase(text, start, "http://") && !startsWithIgnoreCase(text, start, "https://")
                && !startsWithIgnoreCase(text, start, "www.")) {
            return start;
        }
        if (isWordChar(before(text, start))) {
            return start;
        }
        int i = start;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        // trailing punctuation belongs to the sentence, not the link
        while (i > start && ".,;:!?)\"'".indexOf(text.charAt(i - 1)) >= 0) {
            i--;
        }
        return i;
    }

    /** A hashtag needs at least one non-digit: Twitter does not link {@code #2016}. */
    private static int hashtagEnd(String text, int start) {
        int i = start;
        boolean nonDigit = false;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (!isWordChar(cp)) {
                break;
            }
            nonDigit |= !Character.isDigit(cp);
            i += Character.charCount(cp);
        }
        return nonDigit ? i : start;
    }

    private static int mentionEnd(String text, int start) {
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '_'))) {
                break;
            }
            i++;
        }
        // "@http://..." is a link glued to an at sign, not a mention
        return text.startsWith("://", i) ? start : i;
    }

    /** {@code $AAPL}: 1 to 6 letters, not followed by more word characters ({@code $5} is money). */
    private static int cashtagEnd(String text, int start) {
        int i = start;
        while (i < text.length() && i - start < 7 && isAsciiLetter(text.charAt(i))) {
            i++;
        }
        int len = i - start;
        if (len < 1 || len > 6 || (i < text.length() && isWordChar(text.codePointAt(i)))) {
            return start;
        }
        return i;
    }

    /** Letters and digits, with an apostrophe allowed between letters ({@code don't}, {@code c'mon}). */
    private static int wordEnd(String text, int start) {
        int i = start;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (isLetterOrDigit(cp)) {
                i += Character.charCount(cp);
            } else if ((cp == '\'' || cp == '\u2019') && i + 1 < text.length()
                    && Character.isLetter(text.codePointAt(i + 1)) && Character.isLetter(text.codePointBefore(i))) {
                i += 1;
            } else {
                break;
            }
        }
        return i;
    }

    private static boolean isLetterOrDigit(int cp) {
        return Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK;
    }

    private static boolean isWordChar(int cp) {
        return cp >= 0 && (isLetterOrDigit(cp) || cp == '_');
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static int before(String text, int i) {
        return i == 0 ? -1 : text.codePointBefore(i);
    }

    private static boolean startsWithIgnoreCase(String text, int start, String prefix) {
        return text.regionMatches(true, start, prefix, 0, prefix.length());
    }
}
