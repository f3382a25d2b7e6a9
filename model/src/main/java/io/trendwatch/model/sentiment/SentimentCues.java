package io.trendwatch.model.sentiment;

import io.trendwatch.core.text.Term;
import io.trendwatch.core.text.TermKind;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The cues that sentiment systems of tweets have relied on since SemEval 2013, as extra named features beside the
 * words: a word's polarity in the VADER social-media lexicon (Hutto and Gilbert 2014; MIT licence, from the
 * {@code vaderSentiment} 3.3.2 package, kept beside this class), flipped within three words of a negation; the words
 * in a negation's scope marked as such; the text's summed polarity; elongated words, words in capitals, and
 * exclamation and question marks, read from the raw text (the tokenizer folds case and elongation). Pure.
 */
final class SentimentCues {

    private static final Map<String, Double> LEXICON = load("vader_lexicon.txt");
    private static final Set<String> NEGATORS = Set.of("not", "no", "never", "nothing", "nobody", "none", "neither",
            "nor", "cannot", "without", "hardly", "nowhere", "aint");
    private static final int SCOPE = 3;
    static final Pattern ELONGATED = Pattern.compile("(\\p{L})\\1{2,}");
    static final Pattern CAPS = Pattern.compile("(?<![\\p{L}@#])\\p{Lu}{3,}(?!\\p{L})");

    /**
     * Each cue counts this many times in the mean of the features' vectors: a tweet has a hundred character n-grams
     * and a handful of cues. Chosen on the time split's dev tweets: 1 gave dev AvgRec 0.6502, 4 gave 0.6577, 8 0.6545.
     */
    static final int WEIGHT = 4;

    private SentimentCues() {
    }

    /** The named cues of a text whose tokens are {@code terms}. */
    static List<String> of(String raw, List<Term> terms) {
        List<String> out = new ArrayList<>();
        double sum = 0;
        int negatedFor = 0;
        for (Term t : terms) {
            if (t.kind() == TermKind.URL) {
                continue;
            }
            String token = t.text();
            boolean negated = negatedFor > 0;
            negatedFor = Math.max(0, negatedFor - 1);
            if (isNegator(token)) {
                negatedFor = SCOPE;
                continue;
            }
            if (negated) {
                out.add("neg_" + token);
            }
            Double valence = LEXICON.get(token);
            if (valence != null) {
                double v = negated ? -valence : valence;
                sum += v;
                out.add("lex" + (v > 0 ? '+' : '-') + strength(Math.abs(v)));
            }
        }
        out.add("lexsum" + Math.max(-5, Math.min(5, Math.round(sum))));
        if (elongated(raw)) {
            out.add("<elongated>");
        }
        if (shouts(raw)) {
            out.add("<caps>");
        }
        if (raw.indexOf('!') >= 0) {
            out.add("<exclamation>");
        }
        if (raw.indexOf('?') >= 0) {
            out.add("<question>");
        }
        return out;
    }

    /** A letter three times in a row ("sooo"); what {@link #ELONGATED} finds, without a regex per post. */
    static boolean elongated(String raw) {
        int previous = -1;
        int run = 0;
        for (int i = 0; i < raw.length(); ) {
            int c = raw.codePointAt(i);
            i += Character.charCount(c);
            run = c == previous ? run + 1 : 1;
            previous = c;
            if (run >= 3 && Character.isLetter(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A word of three or more capitals ("AWFUL"), not a tag or a mention: what {@link #CAPS} finds, a maximal run of
     * upper-case letters after a character that is not a letter, @ or #, and before one that is not a letter.
     */
    static boolean shouts(String raw) {
        int i = 0;
        int before = -1;
        while (i < raw.length()) {
            int c = raw.codePointAt(i);
            if (Character.isUpperCase(c) && Character.isLetter(c)) {
                int start = i;
                int n = 0;
                int next = -1;
                while (i < raw.length()) {
                    next = raw.codePointAt(i);
                    if (!(Character.isUpperCase(next) && Character.isLetter(next))) {
                        break;
                    }
                    n++;
                    i += Character.charCount(next);
                    next = -1;
                }
                boolean freeBefore = start == 0 || !(Character.isLetter(before) || before == '@' || before == '#');
                boolean freeAfter = next == -1 || !Character.isLetter(next);
                if (n >= 3 && freeBefore && freeAfter) {
                    return true;
                }
                before = raw.codePointBefore(i);
                continue;
            }
            before = c;
            i += Character.charCount(c);
        }
        return false;
    }

    static boolean isNegator(String token) {
        return NEGATORS.contains(token) || token.endsWith("n't");
    }

    static Double valence(String token) {
        return LEXICON.get(token);
    }

    private static int strength(double v) {
        return v < 1.5 ? 1 : v < 2.5 ? 2 : 3;
    }

    private static Map<String, Double> load(String resource) {
        Map<String, Double> map = new HashMap<>();
        try (InputStream in = SentimentCues.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split("\t");
                if (f.length >= 2) {
                    map.put(f[0], Double.parseDouble(f[1]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(map);
    }
}
