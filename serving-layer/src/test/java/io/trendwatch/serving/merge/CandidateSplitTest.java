package io.trendwatch.serving.merge;

import io.trendwatch.core.time.Granularity;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CandidateSplitTest {

    private static final Instant DAY0 = Instant.parse("2026-11-20T00:00:00Z");

    private static Instant at(String t) {
        return Instant.parse(t);
    }

    @Test
    void batchDaysThenBatchHoursOfTheBoundarysDayThenSpeedHours() {
        CandidateSplit s = CandidateSplit.of(DAY0, at("2026-11-23T00:00:00Z"), at("2026-11-22T03:00:00Z"), Granularity.DAY);

        assertThat(s.batchDays()).containsExactly(DAY0, at("2026-11-21T00:00:00Z"));
        assertThat(s.batchHours()).containsExactly(at("2026-11-22T00:00:00Z"), at("2026-11-22T01:00:00Z"),
                at("2026-11-22T02:00:00Z"));
        assertThat(s.speedHours()).hasSize(21).startsWith(at("2026-11-22T03:00:00Z")).endsWith(at("2026-11-22T23:00:00Z"));
    }

    @Test
    void hoursOnlyWhenTheCallerReadsHours() {
        CandidateSplit s = CandidateSplit.of(at("2026-11-20T22:00:00Z"), at("2026-11-21T03:00:00Z"),
                at("2026-11-21T02:00:00Z"), Granularity.HOUR);

        assertThat(s.batchDays()).isEmpty();
        assertThat(s.batchHours()).containsExactly(at("2026-11-20T22:00:00Z"), at("2026-11-20T23:00:00Z"),
                at("2026-11-21T00:00:00Z"), at("2026-11-21T01:00:00Z"));
        assertThat(s.speedHours()).containsExactly(at("2026-11-21T02:00:00Z"));
    }

    @Test
    void aWindowOnOneSideOfTheBoundaryReadsOneLayer() {
        Instant from = at("2026-11-20T10:00:00Z");
        Instant to = at("2026-11-20T13:00:00Z");

        CandidateSplit allSpeed = CandidateSplit.of(from, to, at("2026-11-20T09:00:00Z"), Granularity.HOUR);
        CandidateSplit allBatch = CandidateSplit.of(from, to, at("2026-11-21T00:00:00Z"), Granularity.DAY);

        assertThat(allSpeed.batchDays()).isEmpty();
        assertThat(allSpeed.batchHours()).isEmpty();
        assertThat(allSpeed.speedHours()).hasSize(3);
        assertThat(allBatch.batchDays()).isEmpty(); // no whole day in three hours
        assertThat(allBatch.batchHours()).hasSize(3);
        assertThat(allBatch.speedHours()).isEmpty();
    }

    /** Every hour of the window once, from the batch layer before the boundary and the speed layer after it. */
    @Property(tries = 3000)
    void everyHourOnceFromTheLayerOnItsSide(@ForAll @IntRange(min = 0, max = 24 * 10) int fromHour,
                                            @ForAll @IntRange(min = 1, max = 24 * 9) int hours,
                                            @ForAll @IntRange(min = 0, max = 24 * 21) int boundaryHour,
                                            @ForAll boolean days) {
        Instant from = DAY0.plus(Duration.ofHours(fromHour));
        Instant to = from.plus(Duration.ofHours(hours));
        Instant boundary = DAY0.plus(Duration.ofHours(boundaryHour));
        CandidateSplit s = CandidateSplit.of(from, to, boundary, days ? Granularity.DAY : Granularity.HOUR);

        List<Instant> covered = new ArrayList<>();
        for (Instant d : s.batchDays()) {
            assertThat(d.plus(Duration.ofDays(1))).isBeforeOrEqualTo(boundary);
            covered.addAll(Granularity.HOUR.buckets(d, d.plus(Duration.ofDays(1))));
        }
        for (Instant h : s.batchHours()) {
            assertThat(h.plus(Duration.ofHours(1))).isBeforeOrEqualTo(boundary);
            covered.add(h);
        }
        for (Instant h : s.speedHours()) {
            assertThat(h).isAfterOrEqualTo(boundary);
            covered.add(h);
        }
        if (!days) {
            assertThat(s.batchDays()).isEmpty();
        }
        List<Instant> window = Granularity.HOUR.buckets(from, to);
        if (days && !s.batchDays().isEmpty()) {
            // a day read whole may begin before an unaligned window
            covered.removeIf(h -> h.isBefore(from));
        }
        assertThat(covered).containsExactlyInAnyOrderElementsOf(window);
    }
}
