package io.trendwatch.serving.db;

import io.trendwatch.core.time.Granularity;
import io.trendwatch.serving.merge.Counts;
import io.trendwatch.store.views.Layer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** A background re-read of a speed partition asks only for its unsettled rows, and keeps the settled ones it holds. */
class ViewCacheRefreshTest {

    private static final Instant DAY = Instant.parse("2026-11-30T00:00:00Z");
    private static final ViewCache.Slice SLICE = new ViewCache.Slice(Layer.SPEED, "#sale", Granularity.MINUTE, DAY,
            Instant.parse("2026-11-30T06:00:00Z"));
    private static final Duration SETTLED = Duration.ofMinutes(15);

    private static NavigableMap<Instant, Counts> rows(String... minutesAndPosts) {
        NavigableMap<Instant, Counts> out = new TreeMap<>();
        for (String m : minutesAndPosts) {
            String[] parts = m.split("=");
            out.put(Instant.parse("2026-11-30T" + parts[0] + ":00Z"), new Counts(Long.parseLong(parts[1]), 0, 0, 0, Long.parseLong(parts[1])));
        }
        return out;
    }

    private static ViewCache.Rows cached(NavigableMap<Instant, Counts> rows) {
        return new ViewCache.Rows(rows, 0);
    }

    @Test
    void reReadsFromSettledBeforeTheNewestRowOnABucketStart() {
        ViewCache.Rows old = cached(rows("08:00=3", "09:30=2", "09:44=7"));
        assertThat(ViewCache.unsettledFrom(SLICE, old, SETTLED, false)).contains(Instant.parse("2026-11-30T09:29:00Z"));
    }

    @Test
    void readsWholeWhenDueEmptyNotSettlingOrTheStartIsBeforeTheSlice() {
        ViewCache.Rows old = cached(rows("09:44=7"));
        assertThat(ViewCache.unsettledFrom(SLICE, old, SETTLED, true)).isEmpty();
        assertThat(ViewCache.unsettledFrom(SLICE, cached(new TreeMap<>()), SETTLED, false)).isEmpty();
        assertThat(ViewCache.unsettledFrom(SLICE, old, Duration.ZERO, false)).isEmpty();
        // newest row 10 minutes after the boundary: the slice starts at the boundary, read it whole
        assertThat(ViewCache.unsettledFrom(SLICE, cached(rows("06:10=1")), SETTLED, false)).isEmpty();
    }

    @Test
    void mergeKeepsSettledRowsAndTakesTheFreshReadFromItsStart() {
        NavigableMap<Instant, Counts> old = rows("08:00=3", "09:30=2", "09:44=7");
        Instant from = Instant.parse("2026-11-30T09:29:00Z");
        // 09:30 went away (a row the fresh read no longer has is gone), 09:44 grew, 09:45 is new
        Map<Instant, Counts> fresh = rows("09:44=9", "09:45=1");
        assertThat(ViewCache.merge(old, fresh, from)).isEqualTo(rows("08:00=3", "09:44=9", "09:45=1"));
        assertThat(ViewCache.merge(old, Map.of(), from)).isEqualTo(rows("08:00=3"));
        assertThat(old).as("the cached rows, still served while re-read, are not changed").isEqualTo(rows("08:00=3", "09:30=2", "09:44=7"));
    }
}
