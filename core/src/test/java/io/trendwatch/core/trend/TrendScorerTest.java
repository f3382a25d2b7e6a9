package io.trendwatch.core.trend;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TrendScorerTest {

    private final TrendScorer scorer = new TrendScorer(TrendParams.DEFAULT);

    /** A term in about {@code count} of every 1,000 posts. */
    private static Baseline steady(double count, int buckets) {
        Baseline b = Baseline.EMPTY;
        for (int i = 0; i < buckets; i++) {
            b = b.update((count + (i % 2 == 0 ? 1 : -1)) / 1000, 0.1);
        }
        return b;
    }

    @Test
    void ewmaFollowsTheDefinition() {
        Baseline b = Baseline.EMPTY.update(10, 0.1);
        assertThat(b).isEqualTo(new Baseline(10, 0, 1));
        Baseline c = b.update(20, 0.1);   // Δ = 10: μ = 11, σ² = 0.9 × (0 + 0.1 × 100) = 9
        assertThat(c.mean()).isCloseTo(11, within(1e-12));
        assertThat(c.variance()).isCloseTo(9, within(1e-12));
        assertThat(c.observations()).isEqualTo(2);
    }

    @Test
    void zerosDecayTheMeanLikeRepeatedUpdates() {
        Baseline b = steady(50, 30);
        Baseline loop = b;
        for (int i = 0; i < 7; i++) {
            loop = loop.update(0, 0.1);
        }
        Baseline fast = b.updateWithZeros(7, 0.1);
        assertThat(fast.mean()).isCloseTo(loop.mean(), within(1e-9));
        assertThat(fast.variance()).isCloseTo(loop.variance(), within(1e-9));
        assertThat(fast.observations()).isEqualTo(loop.observations());
        assertThat(Baseline.EMPTY.updateWithZeros(5, 0.1)).isEqualTo(Baseline.EMPTY);
    }

    @Test
    void aTenfoldJumpTrendsAndAnOrdinaryBucketDoesNot() {
        Baseline b = steady(20, 50);
        TrendScore burst = scorer.score(200, 1000, b);
        assertThat(burst.trending()).isTrue();
        assertThat(burst.zscore()).isGreaterThan(10);
        assertThat(burst.surprise()).isGreaterThan(10);
        TrendScore normal = scorer.score(21, 1000, b);
        assertThat(normal.trending()).isFalse();
        assertThat(normal.surprise()).isLessThan(1);
    }

    @Test
    void aBusierBucketRaisesTheExpectedCountNotTheScore() {
        Baseline b = steady(20, 50);
        TrendScore peak = scorer.score(60, 3000, b);   // three times the posts, the same share
        assertThat(peak.expected()).isCloseTo(60, within(1.0));
        assertThat(peak.trending()).isFalse();
        assertThat(scorer.score(60, 1000, b).trending()).isTrue();
    }

    @Test
    void rareTermsNeedMinimumSupport() {
        TrendScore rare = scorer.score(4, 1000, Baseline.EMPTY);   // a new term seen 4 times
        assertThat(rare.score()).isZero();
        assertThat(rare.trending()).isFalse();
        TrendScore newTerm = scorer.score(40, 1000, Baseline.EMPTY);
        assertThat(newTerm.trending()).isTrue();
    }

    @Test
    void poissonTailIsFiniteFarOut() {
        double logTail = TrendScorer.logTail(5_000, 10);
        assertThat(logTail).isFinite().isLessThan(-10_000);
        assertThat(TrendScorer.logTail(11, 10)).isCloseTo(Math.log(0.41696), within(1e-3));
    }
}
