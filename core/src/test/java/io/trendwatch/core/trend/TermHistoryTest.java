package io.trendwatch.core.trend;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TermHistoryTest {

    private static final Instant T0 = Instant.parse("2026-10-05T00:00:00Z");
    private final TrendScorer scorer = new TrendScorer(TrendParams.DEFAULT);

    /** 12 hours of {@code posts} posts an hour, the term in about {@code perHour} of them (± its Poisson spread; 0: absent). */
    private static TermHistory hours(long posts, long perHour) {
        List<TermHistory.Bucket> stream = new ArrayList<>();
        Map<Instant, Long> term = new HashMap<>();
        for (int h = 0; h < 12; h++) {
            Instant at = T0.plus(Duration.ofHours(h));
            stream.add(new TermHistory.Bucket(at, posts));
            if (perHour > 0) {
                long spread = Math.round(Math.sqrt(perHour));
                term.put(at, perHour + (h % 2 == 0 ? spread : -spread));
            }
        }
        return TermHistory.of(stream, term);
    }

    @Test
    void anAbsentTermHasAZeroShareAndBucketsWithoutPostsAreNoEvidence() {
        TermHistory absent = hours(1800, 0);
        assertThat(absent.baseline().mean()).isZero();
        assertThat(absent.baseline().observations()).isEqualTo(12);
        assertThat(absent.posts()).isEqualTo(12 * 1800);
        TermHistory empty = TermHistory.of(List.of(new TermHistory.Bucket(T0, 0)), Map.of(T0, 0L));
        assertThat(empty.known()).isFalse();
        // its share over the history: posts over all posts, so a short first bucket weighs by what it holds
        TermHistory late = TermHistory.of(List.of(new TermHistory.Bucket(T0, 100), new TermHistory.Bucket(T0.plusSeconds(3600), 100)),
                Map.of(T0.plusSeconds(3600), 50L));
        assertThat(late.baseline().mean()).isCloseTo(0.25, within(1e-12));
        assertThat(late.baseline().variance()).isCloseTo(0.0625, within(1e-12));
        TermHistory partialFirst = TermHistory.of(List.of(new TermHistory.Bucket(T0, 60), new TermHistory.Bucket(T0.plusSeconds(3600), 1800)),
                Map.of(T0.plusSeconds(3600), 9L));
        assertThat(partialFirst.baseline().mean()).isCloseTo(9.0 / 1860, within(1e-12));
    }

    @Test
    void aNewTermTrendsFromSixPostsAfterALongHistoryAndNotFromFive() {
        TermHistory absent = hours(1800, 0);
        TrendScore six = scorer.scoreWindow(6, 1800, absent);
        // the 84 % upper limit of a count of 0 is 1.87 posts in the whole history
        assertThat(six.expected()).isCloseTo((Math.sqrt(0.75) + 1) * 1800.0 / (12 * 1800), within(1e-12));
        assertThat(six.trending()).isTrue();
        assertThat(scorer.scoreWindow(5, 1800, absent).trending()).isFalse();
        // after one hour of history the same six posts are far less surprising
        TermHistory oneHour = TermHistory.of(List.of(new TermHistory.Bucket(T0, 1800)), Map.of());
        assertThat(scorer.scoreWindow(6, 1800, oneHour).trending()).isFalse();
    }

    @Test
    void aSteadyTermAtItsUsualShareDoesNotTrendWhateverItsSize() {
        TermHistory steady = hours(1800, 240);
        TrendScore usual = scorer.scoreWindow(250, 1800, steady);
        assertThat(usual.trending()).isFalse();
        assertThat(usual.zscore()).isLessThan(1);
        assertThat(scorer.scoreWindow(600, 1800, steady).trending()).isTrue();
    }

    @Test
    void withoutAnyHistoryNothingTrends() {
        TrendScore s = scorer.scoreWindow(500, 1800, TermHistory.NONE);
        assertThat(s.trending()).isFalse();
        assertThat(s.score()).isZero();
    }

    @Test
    void theSpeedLayerNominatesTwoPostsOfANewTermButNotAnOrdinaryMinute() {
        assertThat(scorer.nominates(2, 30, Baseline.EMPTY)).isTrue();
        assertThat(scorer.nominates(1, 30, Baseline.EMPTY)).isFalse();
        Baseline usual = Baseline.EMPTY;
        for (int i = 0; i < 50; i++) {
            usual = usual.update((i % 2 == 0 ? 3.0 : 5.0) / 30, 0.1);
        }
        assertThat(scorer.nominates(4, 30, usual)).isFalse();
        assertThat(scorer.nominates(15, 30, usual)).isTrue();
    }
}
