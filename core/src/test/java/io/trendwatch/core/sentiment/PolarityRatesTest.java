package io.trendwatch.core.sentiment;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.trendwatch.core.sentiment.Sentiment.NEGATIVE;
import static io.trendwatch.core.sentiment.Sentiment.NEUTRAL;
import static io.trendwatch.core.sentiment.Sentiment.POSITIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PolarityRatesTest {

    // a model that calls 80 % of the positives and 20 % of the negatives positive, among posts both call polar
    private static final PolarityRates BIASED = new PolarityRates(0.8, 0.2, 5, 5);

    @Test
    void ratesCountOnlyPostsTheTruthAndTheModelCallPolar() {
        PolarityRates r = PolarityRates.of(
                List.of(POSITIVE, POSITIVE, POSITIVE, POSITIVE, POSITIVE, NEGATIVE, NEGATIVE, NEGATIVE, NEGATIVE, NEGATIVE, NEUTRAL, POSITIVE),
                List.of(POSITIVE, POSITIVE, POSITIVE, POSITIVE, NEGATIVE, POSITIVE, NEGATIVE, NEGATIVE, NEGATIVE, NEGATIVE, POSITIVE, NEUTRAL));
        assertThat(r).isEqualTo(BIASED);
    }

    @Test
    void theAdjustedShareUndoesTheBiasAndLeavesTheNeutralShareAsCounted() {
        // truth among the polar posts: 90 positive, 10 negative; the model calls 72 + 2 = 74 of them positive
        long positive = 74;
        long negative = 26;
        long neutral = 100;
        PolarityRates.Shares counted = PolarityRates.counted(positive, neutral, negative).orElseThrow();
        assertThat(counted.positive()).isCloseTo(0.37, within(1e-12));
        PolarityRates.Shares adjusted = BIASED.shares(positive, neutral, negative).orElseThrow();
        assertThat(adjusted.positive()).isCloseTo(0.45, within(1e-12));
        assertThat(adjusted.negative()).isCloseTo(0.05, within(1e-12));
        assertThat(1 - adjusted.positive() - adjusted.negative()).isCloseTo((double) neutral / 200, within(1e-12));
    }

    @Test
    void anEstimateBeyondTheRatesIsClippedAndNothingScoredHasNoShare() {
        assertThat(BIASED.adjust(0.95)).isEqualTo(1.0);
        assertThat(BIASED.adjust(0.1)).isEqualTo(0.0);
        assertThat(BIASED.shares(0, 0, 0)).isEmpty();
        assertThat(PolarityRates.counted(0, 0, 0)).isEmpty();
        assertThat(BIASED.shares(0, 5, 0).orElseThrow()).isEqualTo(new PolarityRates.Shares(0, 0));
    }

    @Test
    void aModelNoBetterThanChanceIsNotCorrected() {
        PolarityRates chance = new PolarityRates(0.5, 0.5, 10, 10);
        assertThat(chance.corrects()).isFalse();
        assertThat(chance.adjust(0.4)).isEqualTo(0.4);
    }

    @Test
    void theCardMetricsRoundTripAndACardWithoutThemHasNoRates() {
        assertThat(PolarityRates.fromMetrics(BIASED.metrics())).contains(BIASED);
        assertThat(PolarityRates.fromMetrics(Map.of("avg_recall", 0.67))).isEmpty();
    }
}
