package io.trendwatch.model.sentiment;

import io.trendwatch.core.text.Tokenizer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SentimentCuesTest {

    private static List<String> cues(String text) {
        return SentimentCues.of(text, Tokenizer.tokenize(text));
    }

    @Test
    void aLexiconWordGivesItsPolarityAndANegationWithinThreeWordsFlipsIt() {
        assertThat(SentimentCues.valence("good")).isPositive();
        assertThat(cues("good movie")).contains("lex+2", "lexsum2").doesNotContain("neg_good");
        assertThat(cues("not a good movie")).contains("neg_good", "lex-2", "lexsum-2");
        assertThat(cues("didn't find it good")).contains("neg_good");
        assertThat(cues("not that it was ever good")).doesNotContain("neg_good").contains("lex+2");
    }

    @Test
    void emphasisIsReadFromTheRawText() {
        assertThat(cues("soooo happy!!!")).contains("<elongated>", "<exclamation>").doesNotContain("<caps>", "<question>");
        assertThat(cues("this is AWFUL?")).contains("<caps>", "<question>");
        assertThat(cues("#USA and @NASA, ok")).doesNotContain("<caps>");
    }

    @Test
    void weightedCuesRepeatEachCueAndTheFeaturesOfAModelWithCuesDifferOnlyWhenAsked() {
        List<String> once = cues("great :)");
        SentimentFeatures plain = new SentimentFeatures(new FeatureSpec(1000, true, 3, 5, 256));
        SentimentFeatures withCues = new SentimentFeatures(new FeatureSpec(1000, true, 3, 5, 256, true));
        assertThat(withCues.ids("great :)")).hasSize(plain.ids("great :)").length + once.size() * SentimentCues.WEIGHT);
        // a long text keeps its cues and drops character n-grams instead
        String longText = "great ".repeat(300);
        int[] capped = new SentimentFeatures(new FeatureSpec(1000, true, 3, 5, 40, true)).ids(longText);
        assertThat(capped).hasSize(40);
    }

    @Test
    void theEmphasisScansFindWhatTheirPatternsFindOnEveryRealTweet() throws Exception {
        List<String> texts = new java.util.ArrayList<>(List.of("sooo", "soo", "AWFUL", "#AWFUL", "@NASA", "AWFULly",
                "xAWFUL", "OK", "ÉTÉ!", "a\uD83D\uDE02\uD83D\uDE02\uD83D\uDE02", "NOOO way", "it's BAD."));
        LabelledCorpus.read(io.trendwatch.core.testing.SharedData.subtaskA()).tweets().forEach(t -> texts.add(t.text()));
        for (String t : texts) {
            assertThat(SentimentCues.elongated(t)).as(t).isEqualTo(SentimentCues.ELONGATED.matcher(t).find());
            assertThat(SentimentCues.shouts(t)).as(t).isEqualTo(SentimentCues.CAPS.matcher(t).find());
        }
    }
}
