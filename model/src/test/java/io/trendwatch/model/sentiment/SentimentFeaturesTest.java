package io.trendwatch.model.sentiment;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class SentimentFeaturesTest {

    private final SentimentFeatures features = new SentimentFeatures(new FeatureSpec(1000, true, 3, 5, 256));

    @Test
    void idsAreStableAndInsideTheTableWithZeroLeftForPadding() {
        int[] a = features.ids("Loving the new #iPhone :) http://t.co/x");
        int[] b = new SentimentFeatures(new FeatureSpec(1000, true, 3, 5, 256)).ids("Loving the new #iPhone :) http://t.co/x");
        assertThat(a).isEqualTo(b).isNotEmpty();
        assertThat(Arrays.stream(a)).allMatch(id -> id >= 1 && id < 1000);
    }

    @Test
    void aBigramTellsNotGoodFromGoodNot() {
        int[] notGood = features.ids("not good");
        int[] goodNot = features.ids("good not");
        assertThat(notGood).hasSameSizeAs(goodNot);
        assertThat(Arrays.stream(notGood).sorted().toArray()).isNotEqualTo(Arrays.stream(goodNot).sorted().toArray());
    }

    @Test
    void caseAndElongationShareTheWordFeature() {
        assertThat(features.ids("GOOOOD")).isEqualTo(features.ids("good"));
    }

    @Test
    void everyLinkIsOneFeatureAndAnEmptyTextStillHasOne() {
        assertThat(features.ids("http://a.example/1")).isEqualTo(features.ids("https://b.example/2"));
        assertThat(features.ids("")).hasSize(1);
        assertThat(features.ids("   ")).isEqualTo(features.ids(""));
    }

    @Test
    void theFeatureCountIsCapped() {
        String longText = "word ".repeat(500);
        assertThat(new SentimentFeatures(new FeatureSpec(1000, true, 3, 5, 40)).ids(longText)).hasSize(40);
    }
}
