package io.trendwatch.batch.views;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecomputePlanTest {

    private static final RecomputePlan.Windows W = RecomputePlan.Windows.DEFAULT; // late 2, minutes 2, history 14

    /** The nightly plan at {@code asOf} when the boundary in force is {@code published}. */
    private static RecomputePlan nightlyAfter(String published, String asOf) {
        return RecomputePlan.nightly(Instant.parse(asOf), Optional.of(Instant.parse(published)), Optional.empty(), W);
    }

    @Test
    void nightlyRecomputesTheLateWindowAndMovesTheBoundaryToTheHour() {
        RecomputePlan p = nightlyAfter("2026-11-26T00:00:00Z", "2026-11-27T00:00:42Z");
        assertThat(p.boundary()).isEqualTo("2026-11-27T00:00:00Z");
        assertThat(p.viewsFrom()).isEqualTo("2026-11-25T00:00:00Z");
        assertThat(p.viewsTo()).isEqualTo(p.boundary());
        assertThat(p.minuteFrom()).isEqualTo("2026-11-25T00:00:00Z");
        assertThat(p.readFrom()).isEqualTo("2026-11-11T00:00:00Z");
        assertThat(p.publishes()).isTrue();
        assertThat(p.days()).isEqualTo(2);
    }

    @Test
    void afterFailedNightsItGoesBackToThePreviousBoundary() {
        RecomputePlan p = nightlyAfter("2026-11-20T13:05:00Z", "2026-11-27T00:00:00Z");
        assertThat(p.viewsFrom()).isEqualTo("2026-11-20T00:00:00Z");
        assertThat(p.minuteFrom()).isEqualTo("2026-11-25T00:00:00Z");
    }

    @Test
    void theFirstRunStartsAtTheFirstPost() {
        RecomputePlan p = RecomputePlan.nightly(Instant.parse("2026-11-27T06:30:00Z"), Optional.empty(),
                Optional.of(Instant.parse("2026-10-01T00:00:00Z")), W);
        assertThat(p.viewsFrom()).isEqualTo("2026-10-01T00:00:00Z");
        assertThat(p.viewsTo()).isEqualTo("2026-11-27T06:00:00Z");
        assertThat(p.days()).isEqualTo(58);
    }

    @Test
    void minuteBaselinesReadADayOfMinutesEvenWhenFewerDaysAreRewritten() {
        RecomputePlan p = RecomputePlan.nightly(Instant.parse("2026-11-27T06:00:00Z"), Optional.empty(),
                Optional.of(Instant.parse("2026-11-27T00:00:00Z")), new RecomputePlan.Windows(0, 2, 14));
        assertThat(p.minuteFrom()).isEqualTo("2026-11-27T00:00:00Z");
        assertThat(p.minuteCountsFrom()).isEqualTo("2026-11-26T06:00:00Z");
        assertThat(p.history()).isEqualTo(java.time.Duration.ofDays(14));
    }

    @Test
    void neverMovesTheBoundaryBack() {
        assertThatThrownBy(() -> nightlyAfter("2026-11-27T00:00:00Z", "2026-11-26T00:00:00Z"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before the published boundary");
    }

    @Test
    void theBoundaryIsTheHourOfAsOfAndNeverPassesTheSpeedWatermark() {
        Instant asOf = Instant.parse("2026-11-27T06:37:12Z");
        assertThat(RecomputePlan.nightly(asOf, Optional.empty(), Optional.empty(), W).boundary())
                .isEqualTo("2026-11-27T06:00:00Z");
        // the speed layer still accepts posts from 05:12 on: they must be after the boundary
        assertThat(RecomputePlan.nightly(asOf, Optional.of(Instant.parse("2026-11-27T05:12:00Z")), Optional.empty(),
                Optional.empty(), W).boundary()).isEqualTo("2026-11-27T05:00:00Z");
        // a watermark ahead of as-of changes nothing
        assertThat(RecomputePlan.nightly(asOf, Optional.of(Instant.parse("2026-11-27T09:00:00Z")), Optional.empty(),
                Optional.empty(), W).boundary()).isEqualTo("2026-11-27T06:00:00Z");
        // a speed layer behind the published boundary leaves the boundary where it is
        RecomputePlan held = RecomputePlan.nightly(asOf, Optional.of(Instant.parse("2026-11-26T01:00:00Z")),
                Optional.of(Instant.parse("2026-11-26T22:00:00Z")), Optional.empty(), W);
        assertThat(held.boundary()).isEqualTo("2026-11-26T22:00:00Z");
        assertThat(held.viewsTo()).isEqualTo("2026-11-26T22:00:00Z");
    }

    @Test
    void backfillRewritesExactlyItsDays() {
        RecomputePlan p = RecomputePlan.backfill(LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-21"),
                Optional.of(Instant.parse("2026-11-27T00:00:00Z")), LocalDate.parse("2026-11-27"), W);
        assertThat(p.viewsFrom()).isEqualTo("2026-11-20T00:00:00Z");
        assertThat(p.viewsTo()).isEqualTo("2026-11-22T00:00:00Z");
        assertThat(p.boundary()).isEqualTo("2026-11-27T00:00:00Z");
        assertThat(p.minuteFrom()).isAfterOrEqualTo(p.viewsTo()); // minute views are kept for the last two days only
        assertThat(p.publishes()).isFalse();
    }

    @Test
    void backfillRefusesReversedFutureAndUnpublishedRanges() {
        Optional<Instant> b = Optional.of(Instant.parse("2026-11-27T00:00:00Z"));
        LocalDate today = LocalDate.parse("2026-11-27");
        assertThatThrownBy(() -> RecomputePlan.backfill(LocalDate.parse("2026-11-22"), LocalDate.parse("2026-11-21"), b, today, W))
                .hasMessageContaining("reversed");
        assertThatThrownBy(() -> RecomputePlan.backfill(LocalDate.parse("2026-11-26"), LocalDate.parse("2026-11-28"), b, today, W))
                .hasMessageContaining("not in the past");
        assertThatThrownBy(() -> RecomputePlan.backfill(LocalDate.parse("2026-11-26"), LocalDate.parse("2026-11-26"),
                Optional.of(Instant.parse("2026-11-26T12:00:00Z")), today, W))
                .hasMessageContaining("does not end before the published boundary");
        assertThatThrownBy(() -> RecomputePlan.backfill(LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-20"),
                Optional.empty(), today, W)).hasMessageContaining("batch run");
    }
}
