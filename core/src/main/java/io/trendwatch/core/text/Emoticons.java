package io.trendwatch.core.text;

import java.util.List;
import java.util.Map;

/**
 * Text emoticons, which older exports carry instead of emoji ({@code :D},
 * {@code <3}, {@code ;-)}). They count as emoji terms; noses are dropped
 * and hearts de-elongated so {@code :-)} is {@code :)} and {@code <333} is {@code <3}.
 */
final class Emoticons {

    /** Longest first, so {@code :-)} wins over {@code :-}. */
    private static final List<String> FORMS = List.of(
            ":'-(", ":'(", ":-)", ":-(", ":-D", ":-P", ":-p", ";-)", ":-/", ":-|", ":-*",
            ":)", ":(", ":D", ":P", ":p", ";)", ":/", ":|", ":*", "=)", "=(", "=D", "xD", "XD", "<3", "</3");

    private static final Map<String, String> CANONICAL = Map.of(
            ":-)", ":)", ":-(", ":(", ":-D", ":D", ":-P", ":P", ":-p", ":P", ":p", ":P",
            ";-)", ";)", ":-/", ":/", ":-|", ":|", ":-*", ":*");

    private Emoticons() {
    }

    /** End of the emoticon starting at {@code i}, or {@code i} when there is none. */
    static int end(String text, int i) {
        char c = text.charAt(i);
        if (c != ':' && c != ';' && c != '=' && c != '<' && c != 'x' && c != 'X') {
            return i;
        }
        if (i > 0 && !Character.isWhitespace(text.charAt(i - 1))) {
            return i;   // inside a word or a URL ("http:", "a:b")
        }
        for (String form : FORMS) {
            if (text.startsWith(form, i)) {
                int end = i + form.length();
                if (form.equals("<3")) {
                    while (end < text.length() && text.charAt(end) == '3') {
                        end++;
                    }
                }
                if (end == text.length() || !Character.isLetterOrDigit(text.charAt(end))) {
                    return end;
                }
                return i;
            }
        }
        return i;
    }

    static String canonical(String emoticon) {
        String s = emoticon.startsWith("<3") ? "<3" : emoticon;
        if (s.equals("XD")) {
            return "xD";
        }
        return CANONICAL.getOrDefault(s, s);
    }
}
