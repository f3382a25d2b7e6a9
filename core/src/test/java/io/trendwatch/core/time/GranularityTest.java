package io.trendwatch.core.time;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GranularityTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "MINUTE, 2016-11-25T10:15:59.999Z, 2016-11-25T10:15:00Z",
            "MINUTE, 2016-11-25T10:16:00Z,     2016-11-25T10:16:00Z",
            "MINUTE, 2016-11-25T10:15:00.001Z, 2016-11-25T10:15:00Z",
            "HOUR,   2016-11-25T10:59:59.999Z, 2016-11-25T10:00:00Z",
            "HOUR,   2016-11-25T11:00:00Z,     2016-11-25T11:00:00Z",
            "DAY,    2016-11-25T23:59:59.999Z, 2016-11-25T00:00:00Z",
            "DAY,    2016-11-26T00:00:00Z,     2016-11-26T00:00:00Z",
            "DAY,    2016-12-31T23:59:59.999Z, 2016-12-31T00:00:00Z",
            "DAY,    2016-02-29T12:00:00Z,     2016-02-29T00:00:00Z",
            "MINUTE, 1969-12-31T23:59:59.500Z, 1969-12-31T23:59:00Z",
    })
    void bucketsAreHalfOpenAndUtc(Granularity g, Instant t, Instant start) {
        assertThat(g.bucketStart(t)).isEqualTo(start);
        assertThat(g.isBucketStart(start)).isTrue();
        assertThat(g.nextBucket(start).toEpochMilli() - start.toEpochMilli()).isEqualTo(g.millis());
        assertThat(t).isBetween(start, g.nextBucket(start).minusMillis(1));
    }

    @ParameterizedTest(name = "{0} {1} -> period {2}, next {3}")
    @CsvSource({
            "MINUTE, 2016-11-25T10:15:00Z, 2016-11-25T00:00:00Z, 2016-11-26T00:00:00Z",
            "HOUR,   2016-11-25T10:00:00Z, 2016-11-01T00:00:00Z, 2016-12-01T00:00:00Z",
            "HOUR,   2016-12-31T23:00:00Z, 2016-12-01T00:00:00Z, 2017-01-01T00:00:00Z",
            "DAY,    2016-11-25T00:00:00Z, 2016-01-01T00:00:00Z, 2017-01-01T00:00:00Z",
    })
    void periodsGroupBucketsIntoPartitions(Granularity g, Instant bucket, Instant period, Instant next) {
        assertThat(g.periodStart(bucket)).isEqualTo(period);
        assertThat(g.nextPeriod(period)).isEqualTo(next);
    }

    @Test
    void parsesStepsAndExplainsBadOnes() {
        assertThat(Granularity.parse("Hour")).isEqualTo(Granularity.HOUR);
        assertThatThrownBy(() -> Granularity.parse("week"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'week'").hasMessageContaining("minute, hour, day");
    }

    @Test
    void readsShortDurations() {
        assertThat(Durations.parse("90s")).hasSeconds(90);
        assertThat(Durations.parse("10m")).hasMinutes(10);
        assertThat(Durations.parse("2h")).hasHours(2);
        assertThat(Durations.parse("1h30m")).hasMinutes(90);
        assertThatThrownBy(() -> Durations.parse("10 minutes")).hasMessageContaining("10 minutes");
        assertThatThrownBy(() -> Durations.parse("m")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bucketsOfARangeStartAtTheAlignedFromAndEndBeforeTo() {
        assertThat(Granularity.HOUR.buckets(Instant.parse("2026-11-27T10:30:00Z"), Instant.parse("2026-11-27T13:00:00Z")))
                .containsExactly(Instant.parse("2026-11-27T10:00:00Z"), Instant.parse("2026-11-27T11:00:00Z"),
                        Instant.parse("2026-11-27T12:00:00Z"));
        assertThat(Granularity.DAY.buckets(Instant.parse("2026-11-27T00:00:00Z"), Instant.parse("2026-11-27T00:00:00Z"))).isEmpty();
    }
}
