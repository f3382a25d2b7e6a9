package io.trendwatch.core.trend;

import io.trendwatch.core.time.Granularity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrendSeriesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final java.time.Duration WEEK = java.time.Duration.ofDays(7);
    private static final TrendScorer SCORER = new TrendScorer(TrendParams.DEFAULT);

    private static Instant hour(int h) {
        return T0.plusSeconds(3600L * h);
    }

    @Test
    void flagsTheJumpAgainstAStableHistoryAndNotTheHistory() {
        List<TrendSeries.Point> points = new ArrayList<>();
        for (int h = 0; h < 48; h++) {
            points.add(new TrendSeries.Point(hour(h), 10 + (h % 3), 1000));
        }
        points.add(new TrendSeries.Point(hour(48), 60, 1000));
        // the first hour itself would trend (a new term against an empty history): score from the second on
        TrendSeries.Result r = TrendSeries.fold(points, Granularity.HOUR, hour(1), hour(49), WEEK, SCORER);

        assertThat(r.trending()).extracting(TrendSeries.Scored::bucket).containsExactly(hour(48));
        assertThat(r.trending().get(0).score().expected()).isBetween(10.0, 12.0); // share × 1,000 posts
        assertThat(r.baseline().observations()).isEqualTo(49);
    }

    @Test
    void scoresOnlyFromScoreFromButWarmsUpBefore() {
        List<TrendSeries.Point> points = List.of(new TrendSeries.Point(hour(0), 50, 1000), new TrendSeries.Point(hour(1), 50, 1000),
                new TrendSeries.Point(hour(5), 50, 1000));
        // the first bucket would trend against an empty history, but it is before scoreFrom
        TrendSeries.Result r = TrendSeries.fold(points, Granularity.HOUR, hour(1), hour(6), WEEK, SCORER);
        // after three empty hours the mean has decayed to 50 · 0.9³ ≈ 36 and the variance grew: 50 is no burst
        assertThat(r.trending()).isEmpty();
    }

    @Test
    void gapsCountAsZerosUpToTheEnd() {
        TrendSeries.Result one = TrendSeries.fold(List.of(new TrendSeries.Point(hour(0), 10, 1000)), Granularity.HOUR,
                T0, hour(1), WEEK, SCORER);
        TrendSeries.Result later = TrendSeries.fold(List.of(new TrendSeries.Point(hour(0), 10, 1000)), Granularity.HOUR,
                T0, hour(4), WEEK, SCORER);
        assertThat(one.baseline()).isEqualTo(new Baseline(0.01, 0, 1));
        assertThat(later.baseline().mean()).isCloseTo(0.01 * 0.9 * 0.9 * 0.9, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(later.baseline().observations()).isEqualTo(4);
    }

    @Test
    void aBucketsScoreDependsOnItsWindowOnlyNotOnWhereTheSeriesStarts() {
        List<TrendSeries.Point> points = new ArrayList<>();
        for (int h = 0; h < 400; h++) {
            points.add(new TrendSeries.Point(hour(h), 5 + (h * 7) % 4, 1000));
        }
        points.add(new TrendSeries.Point(hour(400), 40, 1000));
        TrendSeries.Result all = TrendSeries.fold(points, Granularity.HOUR, hour(400), hour(401), WEEK, SCORER);
        TrendSeries.Result recent = TrendSeries.fold(points.subList(400 - 168, 401), Granularity.HOUR, hour(400), hour(401),
                WEEK, SCORER);
        assertThat(recent).isEqualTo(all);
        assertThat(all.trending()).hasSize(1);
        assertThat(all.baseline().observations()).isEqualTo(168);
    }

    @Test
    void refusesUnorderedPointsAndPointsPastTheEnd() {
        assertThatThrownBy(() -> TrendSeries.fold(List.of(new TrendSeries.Point(hour(2), 1, 10), new TrendSeries.Point(hour(1), 1, 10)),
                Granularity.HOUR, T0, hour(3), WEEK, SCORER)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrendSeries.fold(List.of(new TrendSeries.Point(hour(3), 1, 10)),
                Granularity.HOUR, T0, hour(3), WEEK, SCORER)).isInstanceOf(IllegalArgumentException.class);
    }
}
