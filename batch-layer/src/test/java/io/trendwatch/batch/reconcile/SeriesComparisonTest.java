package io.trendwatch.batch.reconcile;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SeriesComparisonTest {

    private static final Instant B = Instant.parse("2016-11-25T12:00:00Z");

    private static Instant t(String hhmm) {
        return Instant.parse("2016-11-25T" + hhmm + ":00Z");
    }

    @Test
    void equalSeriesHaveNoMismatch() {
        var answer = new AnsweredSeries("#a", B, Map.of(t("11:00"), new AnsweredSeries.Point(3, "batch"),
                t("12:00"), new AnsweredSeries.Point(5, "speed")), List.of());
        assertThat(SeriesComparison.compare(Map.of(t("11:00"), 3L, t("12:00"), 5L), answer)).isEmpty();
    }

    @Test
    void namesTheBucketTheCountsAndTheView() {
        var answer = new AnsweredSeries("#a", B, Map.of(t("11:00"), new AnsweredSeries.Point(3, "batch"),
                t("12:00"), new AnsweredSeries.Point(6, "speed")), List.of());
        assertThat(SeriesComparison.compare(Map.of(t("11:00"), 3L, t("12:00"), 5L, t("13:00"), 1L), answer))
                .containsExactly(new Mismatch("#a", t("12:00"), 5, 6, "speed"), new Mismatch("#a", t("13:00"), 1, 0, "speed"));
    }

    @Test
    void anUnlistedBucketInANotKeptSpanAgreesOnlyBelowTheMinimum() {
        var span = new AnsweredSeries.Span(t("10:00"), B, "batch", 10);
        var answer = new AnsweredSeries("love", B, Map.of(), List.of(span));
        assertThat(SeriesComparison.compare(Map.of(t("10:01"), 9L), answer)).isEmpty();
        assertThat(SeriesComparison.compare(Map.of(t("10:01"), 10L), answer))
                .containsExactly(new Mismatch("love", t("10:01"), 10, 0, "batch"));
        // outside the span an unlisted bucket is zero
        assertThat(SeriesComparison.compare(Map.of(t("12:01"), 2L), answer))
                .containsExactly(new Mismatch("love", t("12:01"), 2, 0, "speed"));
    }
}
