package io.trendwatch.serving.db;

import io.trendwatch.core.time.Granularity;
import io.trendwatch.serving.merge.TimeRange;
import io.trendwatch.store.views.Layer;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A cached partition holds only its view's side of the boundary, so batch and speed rows never meet in one entry. */
class ViewCacheSliceTest {

    private static final Instant DAY = Instant.parse("2016-11-25T00:00:00Z");
    private static final Instant NEXT_DAY = Instant.parse("2016-11-26T00:00:00Z");
    private static final Instant BOUNDARY = Instant.parse("2016-11-25T18:00:00Z");

    private static TimeRange range(Layer view, Instant period, Instant boundary) {
        return new ViewCache.Slice(view, "#sale", Granularity.MINUTE, period, boundary).range();
    }

    @Test
    void theBatchSideEndsAtTheBoundaryAndTheSpeedSideStartsThere() {
        assertThat(range(Layer.BATCH, DAY, BOUNDARY)).isEqualTo(new TimeRange(DAY, BOUNDARY));
        assertThat(range(Layer.SPEED, DAY, BOUNDARY)).isEqualTo(new TimeRange(BOUNDARY, NEXT_DAY));
    }

    @Test
    void aPeriodWhollyOnOneSideIsWholeThereAndEmptyOnTheOther() {
        Instant before = Instant.parse("2016-11-24T00:00:00Z");
        assertThat(range(Layer.BATCH, before, BOUNDARY)).isEqualTo(new TimeRange(before, DAY));
        assertThat(range(Layer.SPEED, before, BOUNDARY).isEmpty()).isTrue();
        assertThat(range(Layer.SPEED, NEXT_DAY, BOUNDARY))
                .isEqualTo(new TimeRange(NEXT_DAY, Instant.parse("2016-11-27T00:00:00Z")));
        assertThat(range(Layer.BATCH, NEXT_DAY, BOUNDARY).isEmpty()).isTrue();
    }

    @Test
    void beforeAnyBatchRunEverythingIsSpeed() {
        assertThat(range(Layer.BATCH, DAY, Instant.EPOCH).isEmpty()).isTrue();
        assertThat(range(Layer.SPEED, DAY, Instant.EPOCH)).isEqualTo(new TimeRange(DAY, NEXT_DAY));
    }
}
