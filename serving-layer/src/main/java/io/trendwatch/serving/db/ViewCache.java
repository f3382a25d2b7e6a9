package io.trendwatch.serving.db;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.serving.merge.Counts;
import io.trendwatch.serving.merge.TimeRange;
import io.trendwatch.store.views.Layer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Reads view partitions for series, reusing recent reads. A partition is read
 * whole, clipped to its side of the boundary, so requests with different
 * ranges (a dashboard's "last 24 hours" moves every second) share it.
 * The batch side changes only when a run publishes a new boundary, which is
 * part of the key, or when a backfill rewrites days (seen after batchTtl).
 * The speed side changes every micro-batch: it is re-read in the background
 * once older than speedRefresh and never served older than speedMaxAge. A
 * background re-read asks only for the rows from {@code speedSettled} before
 * the newest row it holds: a speed row older than the speed layer's watermark
 * (10 minutes behind the newest post it counted) never changes again, so a
 * busy term's day partition costs a few rows a second instead of up to 1,440;
 * the whole partition is read again once its last whole read is older than
 * {@code speedFullRefresh} (an operator's replay shows within it).
 */
public final class ViewCache {

    /** Zero durations or zero rows turn caching off: every read goes to Cassandra. */
    public record Settings(Duration batchTtl, Duration speedRefresh, Duration speedMaxAge, Duration boundaryTtl, long maxRows,
                           Duration speedSettled, Duration speedFullRefresh) {
        public static final Settings NONE = new Settings(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0,
                Duration.ZERO, Duration.ZERO);

        public Settings {
            if (speedSettled.isNegative() || speedFullRefresh.isNegative()) {
                throw new IllegalArgumentException("speedSettled and speedFullRefresh must not be negative");
            }
        }

        boolean enabled() {
            return maxRows > 0 && positive(batchTtl) && positive(speedMaxAge);
        }
    }

    /** One partition of a view on its side of the boundary; an empty term stands for the all-post totals. */
    record Slice(Layer view, String term, Granularity step, Instant period, Instant boundary) {

        TimeRange range() {
            Instant end = step.nextPeriod(period);
            return view == Layer.BATCH
                    ? new TimeRange(period, end.isBefore(boundary) ? end : boundary)
                    : new TimeRange(period.isAfter(boundary) ? period : boundary, end);
        }
    }

    private static final String BOUNDARY_KEY = "boundary";

    private final ViewReader dao;
    private final Settings settings;
    private final AsyncLoadingCache<Slice, Rows> batch;
    private final AsyncLoadingCache<Slice, Rows> speed;
    private final LoadingCache<String, Instant> boundary;

    /** A cached partition's rows, and when it was last read whole. */
    record Rows(NavigableMap<Instant, Counts> rows, long wholeReadNanos) {
    }

    public ViewCache(ViewReader dao, Settings settings) {
        this.dao = dao;
        this.settings = settings;
        if (settings.enabled()) {
            long rowsPerSide = Math.max(1, settings.maxRows() / 2);
            batch = Caffeine.newBuilder().expireAfterWrite(settings.batchTtl())
                    .maximumWeight(rowsPerSide).weigher(ViewCache::weight).recordStats()
                    .buildAsync((slice, executor) -> loadWhole(slice));
            Caffeine<Object, Object> speedBuilder = Caffeine.newBuilder().expireAfterWrite(settings.speedMaxAge());
            if (positive(settings.speedRefresh()) && settings.speedRefresh().compareTo(settings.speedMaxAge()) < 0) {
                speedBuilder.refreshAfterWrite(settings.speedRefresh());
            }
            speed = speedBuilder.maximumWeight(rowsPerSide).weigher(ViewCache::weight).recordStats()
                    .buildAsync(new AsyncCacheLoader<>() {
                        @Override
                        public CompletableFuture<Rows> asyncLoad(Slice slice, Executor executor) {
                            return loadWhole(slice);
                        }

                        @Override
                        public CompletableFuture<Rows> asyncReload(Slice slice, Rows old, Executor executor) {
                            return reload(slice, old);
                        }
                    });
        } else {
            batch = null;
            speed = null;
        }
        boundary = positive(settings.boundaryTtl())
                ? Caffeine.newBuilder().expireAfterWrite(settings.boundaryTtl()).build(k -> readBoundary())
                : null;
    }

    /** Reads straight from Cassandra every time (one-off readers such as the report command). */
    public static ViewCache none(ViewReader dao) {
        return new ViewCache(dao, Settings.NONE);
    }

    /** The boundary to merge at: the published one, or the epoch when no batch run has published yet (all speed). */
    public Instant boundary() {
        return boundary == null ? readBoundary() : boundary.get(BOUNDARY_KEY);
    }

    /** The counts per bucket of {@code range} in one view ("" for all posts); all of the range lies on the view's side. */
    public CompletableFuture<Map<Instant, Counts>> read(Layer view, String term, Granularity step, TimeRange range,
                                                        Instant boundary) {
        if (range.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        List<CompletableFuture<NavigableMap<Instant, Counts>>> parts = new ArrayList<>();
        for (Instant p = step.periodStart(range.from()); p.isBefore(range.to()); p = step.nextPeriod(p)) {
            Slice slice = new Slice(view, term, step, p, boundary);
            AsyncLoadingCache<Slice, Rows> cache = view == Layer.BATCH ? batch : speed;
            parts.add(cache == null ? load(slice, range) : cache.get(slice).thenApply(Rows::rows));
        }
        if (parts.size() == 1) {   // the usual case: a view of the cached rows, no copy
            return parts.get(0).thenApply(rows -> Collections.unmodifiableNavigableMap(
                    rows.subMap(range.from(), true, range.to(), false)));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<Instant, Counts> out = new HashMap<>();
            for (CompletableFuture<NavigableMap<Instant, Counts>> part : parts) {
                out.putAll(part.join().subMap(range.from(), true, range.to(), false));
            }
            return out;
        });
    }

    /** Forgets everything read (after a batch run or a backfill). */
    public void clear() {
        if (batch != null) {
            batch.synchronous().invalidateAll();
            speed.synchronous().invalidateAll();
        }
        if (boundary != null) {
            boundary.invalidateAll();
        }
    }

    /** Hit ratios and sizes of both sides, for operators tuning the settings. */
    public void registerMetrics(MetricRegistry metrics) {
        if (batch == null) {
            return;
        }
        Map<String, AsyncLoadingCache<Slice, Rows>> sides = Map.of("batch", batch, "speed", speed);
        sides.forEach((side, cache) -> {
            metrics.register("trendwatch.view_cache." + side + ".hit_ratio", (Gauge<Double>) () -> cache.synchronous().stats().hitRate());
            metrics.register("trendwatch.view_cache." + side + ".partitions", (Gauge<Long>) () -> cache.synchronous().estimatedSize());
        });
    }

    private CompletableFuture<Rows> loadWhole(Slice slice) {
        long now = System.nanoTime();
        return load(slice, slice.range()).thenApply(rows -> new Rows(rows, now));
    }

    /** A speed partition's background re-read: its unsettled rows only, or all of it when due. */
    private CompletableFuture<Rows> reload(Slice slice, Rows old) {
        long now = System.nanoTime();
        Optional<Instant> from = unsettledFrom(slice, old, settings.speedSettled(),
                Duration.ofNanos(now - old.wholeReadNanos()).compareTo(settings.speedFullRefresh()) >= 0);
        if (from.isEmpty()) {
            return loadWhole(slice);
        }
        return load(slice, new TimeRange(from.get(), slice.range().to()))
                .thenApply(fresh -> new Rows(merge(old.rows(), fresh, from.get()), old.wholeReadNanos()));
    }

    /**
     * Where a re-read of a cached speed partition starts: {@code settled} before its newest row,
     * on a bucket's start; empty when it must be read whole (nothing cached, no settling allowed,
     * or its whole read is due).
     */
    static Optional<Instant> unsettledFrom(Slice slice, Rows old, Duration settled, boolean wholeReadDue) {
        if (wholeReadDue || old.rows().isEmpty() || !positive(settled)) {
            return Optional.empty();
        }
        Instant from = slice.step().bucketStart(old.rows().lastKey().minus(settled));
        return from.isAfter(slice.range().from()) ? Optional.of(from) : Optional.empty();
    }

    /** The cached rows before {@code from}, and the fresh ones from it on (a row gone from the fresh read is gone). */
    static NavigableMap<Instant, Counts> merge(NavigableMap<Instant, Counts> old, Map<Instant, Counts> fresh, Instant from) {
        NavigableMap<Instant, Counts> out = new TreeMap<>(old.headMap(from, false));
        out.putAll(fresh);
        return out;
    }

    /** The slice's rows within {@code wanted} (uncached reads ask only for what the request needs). */
    private CompletableFuture<NavigableMap<Instant, Counts>> load(Slice slice, TimeRange wanted) {
        TimeRange all = slice.range();
        TimeRange range = new TimeRange(later(all.from(), wanted.from()), earlier(all.to(), wanted.to()));
        if (range.isEmpty()) {
            return CompletableFuture.completedFuture(Collections.emptyNavigableMap());
        }
        return dao.partition(slice.view(), slice.term(), slice.step(), slice.period(), range).toCompletableFuture();
    }

    private Instant readBoundary() {
        return dao.boundary().map(ViewReader.BoundaryRow::boundary).orElse(Instant.EPOCH);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static boolean positive(Duration d) {
        return !d.isZero() && !d.isNegative();
    }

    private static int weight(Slice slice, Rows rows) {
        return 1 + rows.rows().size();
    }
}
