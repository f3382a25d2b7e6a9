package io.trendwatch.core.trend;

import io.trendwatch.core.time.Granularity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrendFeaturesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final TrendScorer scorer = new TrendScorer(TrendParams.DEFAULT);

    private static Instant h(int i) {
        return T0.plus(Duration.ofHours(i));
    }

    @Test
    void theHourBeforeABurstIsLabelledAndTheBurstHourLooksLikeOne() {
        // 10 posts an hour out of 1,000 for two days, then 60 at hours 48 and 49
        List<TrendSeries.Point> points = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            points.add(new TrendSeries.Point(h(i), i >= 48 ? 60 : 10, 1000));
        }
        List<TrendFeatures.Example> ex = TrendFeatures.of(points, Granularity.HOUR, h(24), h(50), Duration.ofDays(1), scorer);

        assertThat(ex).hasSize(26);
        TrendFeatures.Example before = ex.get(47 - 24);
        TrendFeatures.Example first = ex.get(48 - 24);
        TrendFeatures.Example last = ex.get(49 - 24);
        assertThat(before.bucket()).isEqualTo(h(47));
        assertThat(before.trendingNext()).isTrue();
        assertThat(before.features()[5]).isZero();
        assertThat(first.features()[5]).isEqualTo(1.0);   // trending now
        assertThat(first.features()[2]).isEqualTo(Math.log1p(60) - Math.log1p(10));
        assertThat(first.features()[3]).isGreaterThan(before.features()[3]);
        assertThat(last.labelled()).isFalse();             // its next hour is outside the series
        assertThat(ex.subList(0, 23)).noneMatch(TrendFeatures.Example::trendingNext);
    }

    @Test
    void aGapCountsAsZeroPreviousPostsAndRareBucketsAreNotCandidates() {
        List<TrendSeries.Point> points = List.of(new TrendSeries.Point(h(0), 5, 100), new TrendSeries.Point(h(2), 5, 100),
                new TrendSeries.Point(h(3), 1, 100), new TrendSeries.Point(h(4), 4, 100));
        List<TrendFeatures.Example> ex = TrendFeatures.of(points, Granularity.HOUR, h(0), h(6), Duration.ofDays(1), scorer);
        assertThat(ex).extracting(TrendFeatures.Example::bucket).containsExactly(h(0), h(2), h(4));
        assertThat(ex.get(1).features()[1]).isZero();               // hour 1 was empty
        assertThat(ex.get(2).features()[1]).isEqualTo(Math.log1p(1));
        assertThat(ex.get(0).features()).hasSize(TrendFeatures.NAMES.size());
    }
}
