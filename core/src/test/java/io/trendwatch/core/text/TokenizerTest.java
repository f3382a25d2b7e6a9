package io.trendwatch.core.text;

import io.trendwatch.core.post.Post;
import io.trendwatch.core.source.SemEvalTweet;
import io.trendwatch.core.testing.SharedData;
import org.apache.commons.text.StringEscapeUtils;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class TokenizerTest {

    private static List<String> texts(String raw) {
        return Tokenizer.tokenize(raw).stream().map(Term::text).toList();
    }

    private static Set<String> countable(String raw) {
        return Tokenizer.tokenize(raw).stream().filter(Term::isCountable).map(Term::text)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    private static String realTweet(String id) {
        return SemEvalTweet.parse(SharedData.lineWithId(SharedData.subtaskA(), id)).text();
    }

    @Test
    void mentionsHashtagCashtagEmoticonAndUnicodeEscapesInARealTweet() {
        String text = realTweet("261587080231153665");
        assertThat(text).contains("\\u2019", "$MSFT", ";-)");
        List<Term> tokens = Tokenizer.tokenize(text);
        assertThat(tokens).contains(
                new Term(TermKind.MENTION, "@surface"), new Term(TermKind.MENTION, "@microsoftstore"),
                new Term(TermKind.HASHTAG, "#surface"), new Term(TermKind.CASHTAG, "$msft"),
                new Term(TermKind.EMOJI, ";)"), new Term(TermKind.WORD, "can't"), new Term(TermKind.WORD, "orlando"));
        assertThat(texts(text)).noneMatch(t -> t.contains("u2019") || t.contains("u002c"));
    }

    @Test
    void urlsAreKeptWholeAndNeverCounted() {
        String text = realTweet("263276487526993920");
        List<Term> tokens = Tokenizer.tokenize(text);
        assertThat(tokens.get(0)).isEqualTo(new Term(TermKind.URL, "http://t.co/hZOrJG6W"));
        assertThat(countable(text)).containsExactly("going", "#deathvalley", "saturday", "geaux", "tigers",
                "@lsufball", "@jacobhester22", "@lsucoachmiles");
    }

    @Test
    void htmlEntitiesAreDecodedAndHeartsAreEmoticons() {
        String text = realTweet("108200058473811968");
        assertThat(text).contains("&lt;333");
        assertThat(texts(text)).contains(":D", "<3", "nicki", "minaj");
        String amp = realTweet("263146025630437376");
        assertThat(amp).contains("&amp;");
        assertThat(texts(amp)).contains("@_boatsnhoes", "ain't").doesNotContain("amp", "&amp");
    }

    @Test
    void elongationsAreSqueezed() {
        String text = realTweet("260861751086686211");
        assertThat(texts(text)).contains("soo", "slow", "c'mon").doesNotContain("sooooo");
        assertThat(texts("Sooooo fuuunny!!!")).containsExactly("soo", "fuunny");
    }

    @Test
    void emojiClustersSkinTonesAndFlags() {
        // the SemEval exports carry no emoji, so a real tweet's text is decorated
        String text = realTweet("264201139220799489") + " 😂😂 👍🏽 👍 🇫🇷 👩‍💻 ❤️";
        Set<String> terms = countable(text);
        assertThat(terms).contains("😂", "👍", "🇫🇷", "👩‍💻", "❤");
        assertThat(Tokenizer.tokenize(text).stream().filter(t -> t.text().equals("😂"))).hasSize(2);
        assertThat(terms).doesNotContain("👍🏽");
    }

    @Test
    void stopWordsAreTokensButNotTerms() {
        assertThat(texts("This is not the end")).containsExactly("this", "is", "not", "the", "end");
        assertThat(countable("This is not the end")).containsExactly("end");
    }

    @Test
    void edgeCasesOfPrefixes() {
        assertThat(texts("mail me at jane@example.com")).doesNotContain("@example");
        assertThat(texts("#2016 was #2016Best")).containsExactly("2016", "was", "#2016best");
        assertThat(texts("costs $5 or $AAPL.")).contains("$aapl").doesNotContain("$5");
        assertThat(texts("a#b c")).doesNotContain("#b");
        assertThat(texts("see www.example.com/x, ok")).containsExactly("see", "www.example.com/x", "ok");
    }

    @Test
    void aPostCountsEachTermOnce() {
        Post post = Post.ofText("1", "twitter", "a", "#sale #Sale SALE sale @Nike @nike", "en", java.time.Instant.EPOCH);
        assertThat(PostTerms.of(post)).extracting(Term::text).containsExactly("#sale", "sale", "@nike");
    }

    @Test
    void parsesWhatPeopleType() {
        assertThat(Term.parse("#Apple")).contains(new Term(TermKind.HASHTAG, "#apple"));
        assertThat(Term.parse(" @Apple ")).contains(new Term(TermKind.MENTION, "@apple"));
        assertThat(Term.parse("Apple")).contains(new Term(TermKind.WORD, "apple"));
        assertThat(Term.parse("$AAPL")).contains(new Term(TermKind.CASHTAG, "$aapl"));
        assertThat(Term.parse("  ")).isEmpty();
        assertThat(Term.parse("!!!")).isEmpty();
    }

    /**
     * Over every real tweet: the hashtags and mentions found equal those of an
     * independent regular expression, and every term is clean.
     */
    @Test
    void agreesWithAnIndependentRegexOnEveryRealTweet() throws IOException {
        Pattern url = Pattern.compile("(?i)(?<![\\p{L}\\p{N}_])(https?://|www\\.)\\S+");
        Pattern hashtag = Pattern.compile("(?<![\\p{L}\\p{N}\\p{Mn}_])[#＃]([\\p{L}\\p{N}\\p{Mn}_]*[\\p{L}\\p{Mn}_][\\p{L}\\p{N}\\p{Mn}_]*)");
        Pattern mention = Pattern.compile("(?<![\\p{L}\\p{N}\\p{Mn}_])[@＠]([A-Za-z0-9_]+)");
        long tweets = 0;
        long hashtags = 0;
        for (Path f : SharedData.tsvFiles(SharedData.subtaskA())) {
            for (String line : Files.readAllLines(f)) {
                if (line.isBlank()) {
                    continue;
                }
                String raw = SemEvalTweet.parse(line).text();
                String decoded = StringEscapeUtils.unescapeHtml4(unescapeJava(raw));
                String noUrls = url.matcher(decoded).replaceAll(" ");
                Set<String> expected = new TreeSet<>();
                collect(hashtag, noUrls, "#", expected);
                collect(mention, noUrls, "@", expected);
                List<Term> tokens = Tokenizer.tokenize(raw);
                Set<String> actual = tokens.stream()
                        .filter(t -> t.kind() == TermKind.HASHTAG || t.kind() == TermKind.MENTION)
                        .map(t -> t.text().replace('＃', '#')).collect(Collectors.toCollection(TreeSet::new));
                assertThat(actual).as(raw).isEqualTo(expected);
                for (Term t : tokens) {
                    assertThat(t.text()).as(raw).isNotBlank().doesNotContainAnyWhitespaces();
                    if (t.kind() != TermKind.URL && t.kind() != TermKind.EMOJI) {
                        assertThat(t.text()).as(raw).isEqualTo(t.text().toLowerCase(Locale.ROOT));
                    }
                }
                tweets++;
                hashtags += expected.stream().filter(s -> s.startsWith("#")).count();
            }
        }
        assertThat(tweets).isGreaterThan(50_000);
        assertThat(hashtags).isGreaterThan(5_000);
    }

    private static void collect(Pattern p, String text, String prefix, Set<String> into) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            into.add(prefix + m.group(1).toLowerCase(Locale.ROOT));
        }
    }

    private static String unescapeJava(String s) {
        Matcher m = Pattern.compile("\\\\u([0-9a-fA-F]{4})").matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        return m.appendTail(sb).toString();
    }
}
