package io.trendwatch.serving.merge;

import io.trendwatch.core.time.Granularity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ViewMergerTest {

    private static Instant t(String s) {
        return Instant.parse("2016-11-25T" + s + "Z");
    }

    private static Counts n(long posts) {
        return new Counts(posts, 0, 0, 0, posts);
    }

    /** One post in every minute of both views from 10:00 to 14:00: batch rows say 1, speed rows say 100. */
    private static final Map<Instant, Counts> BATCH_MINUTES = new HashMap<>();
    private static final Map<Instant, Counts> SPEED_MINUTES = new HashMap<>();
    private static final Map<Instant, Counts> BATCH_HOURS = new HashMap<>();

    static {
        for (Instant m = t("10:00:00"); m.isBefore(t("14:00:00")); m = m.plusSeconds(60)) {
            BATCH_MINUTES.put(m, n(1));
            SPEED_MINUTES.put(m, n(100));
        }
        for (Instant h = t("10:00:00"); h.isBefore(t("14:00:00")); h = h.plusSeconds(3600)) {
            BATCH_HOURS.put(h, n(60));
        }
    }

    private static List<MergedPoint> series(Granularity step, String from, String to, String boundary) {
        var plan = ViewMerger.plan(step, t(from), t(to), t(boundary));
        return ViewMerger.merge(plan, step == Granularity.MINUTE ? BATCH_MINUTES : BATCH_HOURS, BATCH_HOURS, BATCH_MINUTES,
                SPEED_MINUTES);
    }

    @Test
    void wholyBeforeTheBoundaryIsBatchOnly() {
        List<MergedPoint> points = series(Granularity.MINUTE, "10:00:00", "10:30:00", "12:00:00");
        assertThat(points).hasSize(30).allMatch(p -> p.source() == Source.BATCH && p.counts().posts() == 1);
    }

    @Test
    void wholyAfterTheBoundaryIsSpeedOnly() {
        List<MergedPoint> points = series(Granularity.MINUTE, "12:30:00", "13:00:00", "12:00:00");
        assertThat(points).hasSize(30).allMatch(p -> p.source() == Source.SPEED && p.counts().posts() == 100);
    }

    @Test
    void straddlingSplitsAtTheBoundaryWithEveryMinuteOnce() {
        List<MergedPoint> points = series(Granularity.MINUTE, "11:50:00", "12:10:00", "12:00:00");
        assertThat(points).hasSize(20);
        assertThat(points.subList(0, 10)).allMatch(p -> p.source() == Source.BATCH && p.bucket().isBefore(t("12:00:00")));
        assertThat(points.subList(10, 20)).allMatch(p -> p.source() == Source.SPEED && !p.bucket().isBefore(t("12:00:00")));
        assertThat(points.get(10).bucket()).isEqualTo(t("12:00:00"));   // the boundary minute itself is speed
    }

    @Test
    void anHourThatStraddlesTheBoundaryIsRolledUpFromBothSides() {
        List<MergedPoint> points = series(Granularity.HOUR, "10:00:00", "14:00:00", "12:20:00");
        assertThat(points).extracting(MergedPoint::bucket).containsExactly(t("10:00:00"), t("11:00:00"), t("12:00:00"), t("13:00:00"));
        assertThat(points.get(0)).isEqualTo(new MergedPoint(t("10:00:00"), n(60), Source.BATCH));
        assertThat(points.get(1)).isEqualTo(new MergedPoint(t("11:00:00"), n(60), Source.BATCH));
        // 12:00–12:20 from batch minutes (20 × 1), 12:20–13:00 from speed minutes (40 × 100)
        assertThat(points.get(2)).isEqualTo(new MergedPoint(t("12:00:00"), n(20 + 4000), Source.BATCH_AND_SPEED));
        assertThat(points.get(3)).isEqualTo(new MergedPoint(t("13:00:00"), n(6000), Source.SPEED));
    }

    @Test
    void aBoundaryOnAnHourEdgeNeedsNoRollUp() {
        var plan = ViewMerger.plan(Granularity.HOUR, t("10:00:00"), t("14:00:00"), t("12:00:00"));
        assertThat(plan.batchMinutes().isEmpty()).isTrue();
        List<MergedPoint> points = series(Granularity.HOUR, "10:00:00", "14:00:00", "12:00:00");
        assertThat(points).extracting(MergedPoint::source)
                .containsExactly(Source.BATCH, Source.BATCH, Source.SPEED, Source.SPEED);
        assertThat(points.get(2).counts().posts()).isEqualTo(6000);
    }

    @Test
    void aBoundaryThatMovesBetweenTwoRequestsGivesTwoConsistentAnswers() {
        List<MergedPoint> before = series(Granularity.MINUTE, "11:00:00", "13:00:00", "12:00:00");
        List<MergedPoint> after = series(Granularity.MINUTE, "11:00:00", "13:00:00", "12:30:00");
        assertThat(before).hasSize(120);
        assertThat(after).hasSize(120);
        // each answer covers every minute exactly once, split at its own boundary
        assertThat(before.stream().filter(p -> p.source() == Source.BATCH)).hasSize(60);
        assertThat(after.stream().filter(p -> p.source() == Source.BATCH)).hasSize(90);
        assertThat(after.stream().filter(p -> p.source() == Source.SPEED)).allMatch(p -> !p.bucket().isBefore(t("12:30:00")));
    }

    @Test
    void rowsOnTheWrongSideAreNeverUsed() {
        var plan = ViewMerger.plan(Granularity.MINUTE, t("11:58:00"), t("12:02:00"), t("12:00:00"));
        Map<Instant, Counts> batch = Map.of(t("11:59:00"), n(1), t("12:00:00"), n(7), t("12:01:00"), n(7));
        Map<Instant, Counts> speed = Map.of(t("11:58:00"), n(9), t("12:00:00"), n(100));
        List<MergedPoint> points = ViewMerger.merge(plan, batch, Map.of(), Map.of(), speed);
        assertThat(points).containsExactly(
                new MergedPoint(t("11:59:00"), n(1), Source.BATCH),
                new MergedPoint(t("12:00:00"), n(100), Source.SPEED));
    }

    @Test
    void dayStepsAlignTheStartAndRollUpTheBoundaryDay() {
        var plan = ViewMerger.plan(Granularity.DAY, t("13:45:00"), Instant.parse("2016-11-26T00:00:00Z"), t("12:20:00"));
        assertThat(plan.from()).isEqualTo(Instant.parse("2016-11-25T00:00:00Z"));
        assertThat(plan.batchAtStep().isEmpty()).isTrue();
        assertThat(plan.batchHours()).isEqualTo(new TimeRange(Instant.parse("2016-11-25T00:00:00Z"), t("12:00:00")));
        assertThat(plan.batchMinutes()).isEqualTo(new TimeRange(t("12:00:00"), t("12:20:00")));
        List<MergedPoint> points = ViewMerger.merge(plan, Map.of(), BATCH_HOURS, BATCH_MINUTES, SPEED_MINUTES);
        // batch hours 10:00–12:00 (2 × 60), batch minutes 12:00–12:20 (20 × 1), speed minutes 12:20–14:00 (100 × 100)
        assertThat(points).containsExactly(new MergedPoint(Instant.parse("2016-11-25T00:00:00Z"), n(120 + 20 + 10_000), Source.BATCH_AND_SPEED));
    }

    @Test
    void aDayThatStraddlesAnHourEdgeBoundaryTakesBatchHoursNotMinutes() {
        // a batch minute view that keeps only some minutes must not shorten the day: its hours are whole
        var plan = ViewMerger.plan(Granularity.DAY, t("00:00:00"), Instant.parse("2016-11-26T00:00:00Z"), t("12:00:00"));
        assertThat(plan.batchMinutes().isEmpty()).isTrue();
        List<MergedPoint> points = ViewMerger.merge(plan, Map.of(), BATCH_HOURS, Map.of(t("10:00:00"), n(5)), SPEED_MINUTES);
        assertThat(points).containsExactly(new MergedPoint(Instant.parse("2016-11-25T00:00:00Z"), n(120 + 12_000), Source.BATCH_AND_SPEED));
    }

    @Test
    void aToInsideABucketTakesTheWholeBucketOnBothSides() {
        // before B the batch hour is whole; after B the speed minutes of the whole hour are summed, not up to `to`
        List<MergedPoint> before = series(Granularity.HOUR, "10:00:00", "11:30:00", "13:00:00");
        List<MergedPoint> after = series(Granularity.HOUR, "12:00:00", "13:30:00", "12:00:00");
        assertThat(before).extracting(p -> p.counts().posts()).containsExactly(60L, 60L);
        assertThat(after).extracting(p -> p.counts().posts()).containsExactly(6000L, 6000L);
    }

    @Test
    void aBoundaryOffTheMinuteIsReadAtItsMinute() {
        var plan = ViewMerger.plan(Granularity.MINUTE, t("11:58:00"), t("12:02:00"), t("12:00:30"));
        assertThat(plan.boundary()).isEqualTo(t("12:00:00"));
        assertThat(plan.speedMinutes()).isEqualTo(new TimeRange(t("12:00:00"), t("12:02:00")));
    }
}
