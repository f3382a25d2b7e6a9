package io.trendwatch.serving.resources;

import com.codahale.metrics.annotation.Timed;

import io.trendwatch.core.time.Granularity;
import io.trendwatch.core.trend.Baseline;
import io.trendwatch.core.trend.TrendParams;
import io.trendwatch.core.trend.TrendScore;
import io.trendwatch.core.trend.TrendScorer;
import io.trendwatch.serving.api.TrendItem;
import io.trendwatch.serving.api.TrendsResponse;
import io.trendwatch.serving.core.Counts;
import io.trendwatch.serving.core.MergedPoint;
import io.trendwatch.serving.core.TrendWindow;
import io.trendwatch.serving.db.Futures;
import io.trendwatch.serving.db.SeriesReader;
import io.trendwatch.serving.db.ViewsDao;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /api/v1/trends?window=1h|24h|7d&limit=N&kind=...&at=}: the terms
 * either view flagged in the window, each counted over the window through the
 * merge rule and scored by the shared trend scorer against its baseline;
 * flagged terms rank first, then by score.
 * Answers are cached for a few seconds per (window, limit, kind, minute of at);
 * an expired answer is served while one background task recomputes it.
 */
@Path("/api/v1/trends")
@Produces(MediaType.APPLICATION_JSON)
public final class TrendsResource {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TrendsResource.class);
    private static final int MAX_LIMIT = 100;
    private static final Set<String> KINDS = Set.of("all", "hashtag", "mention", "word", "cashtag", "emoji");

    private final ViewsDao dao;
    private final SeriesReader reader;
    private final TrendScorer scorer = new TrendScorer(TrendParams.DEFAULT);
    private final long cacheNanos;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.Executor refresher = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "trends-refresh");
        t.setDaemon(true);
        return t;
    });

    private record Cached(long expiresAt, CompletableFuture<TrendsResponse> response) {
    }

    public TrendsResource(ViewsDao dao, SeriesReader reader, Duration cacheTtl) {
        this.dao = dao;
        this.reader = reader;
        this.cacheNanos = cacheTtl.toNanos();
    }

    /** Drops cached answers (the admin task calls it after a batch run). */
    public void clearCache() {
        cache.clear();
    }

    @GET
    @Timed
    public TrendsResponse trends(@QueryParam("window") String windowParam, @QueryParam("limit") String limitParam,
                                 @QueryParam("kind") String kindParam, @QueryParam("at") String atParam) {
        TrendWindow window;
        try {
            window = TrendWindow.parse(windowParam == null ? "1h" : windowParam.strip());
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("window", "parameter 'window' must be one of 1h, 24h, 7d, got '" + windowParam + "'");
        }
        int limit = Params.limit(limitParam, 20, MAX_LIMIT);
        String kind = kindParam == null || kindParam.isBlank() ? "all" : kindParam.strip().toLowerCase(Locale.ROOT);
        if (!KINDS.contains(kind)) {
            throw new BadParameterException("kind", "parameter 'kind' must be one of all, hashtag, mention, word, cashtag, emoji, got '"
                    + kindParam + "'");
        }
        Instant at = Params.instant("at", atParam, Instant.now()).truncatedTo(ChronoUnit.MINUTES);
        String key = window.label() + "|" + limit + "|" + kind + "|" + at;
        long now = System.nanoTime();
        if (cache.size() > 10_000) {
            cache.clear();
        }
        Cached entry = cache.get(key);
        if (entry != null && entry.expiresAt - now <= 0 && entry.response.isDone() && !entry.response.isCompletedExceptionally()) {
            // stale but usable: answer with it and let one background task recompute
            if (refreshing.add(key)) {
                refresher.execute(() -> {
                    try {
                        TrendsResponse fresh = compute(window, limit, kind, at);
                        cache.put(key, new Cached(System.nanoTime() + cacheNanos, CompletableFuture.completedFuture(fresh)));
                    } catch (RuntimeException e) {
                        LOG.warn("refreshing trends {} failed: {}", key, e.toString());
                    } finally {
                        refreshing.remove(key);
                    }
                });
            }
            return entry.response.join();
        }
        // no usable answer yet: one computation per key, concurrent requests wait for it
        CompletableFuture<TrendsResponse> mine = new CompletableFuture<>();
        Cached created = new Cached(now + cacheNanos, mine);
        entry = cache.compute(key, (k, old) -> old != null && (old.expiresAt - now > 0 || !old.response.isDone()) ? old : created);
        if (entry == created) {
            try {
                mine.complete(compute(window, limit, kind, at));
            } catch (RuntimeException e) {
                cache.remove(key, created);
                mine.completeExceptionally(e);
            }
        }
        return Futures.join(entry.response);
    }

    private TrendsResponse compute(TrendWindow window, int limit, String kind, Instant at) {
        Instant from = window.from(at);
        // one read of the publication: the boundary and the baselines of the same run
        Optional<ViewsDao.BoundaryRow> publication = dao.boundary();
        Instant boundary = publication.map(ViewsDao.BoundaryRow::boundary).orElse(Instant.EPOCH);
        Map<String, ViewsDao.TrendRow> candidates = new LinkedHashMap<>();
        List<ViewsDao.TrendRow> rows = new ArrayList<>();
        Instant batchEnd = at.isBefore(boundary) ? at : boundary;
        rows.addAll(dao.batchTrending(window.batchCandidateStep(), window.batchCandidateStep().buckets(from, batchEnd)));
        Instant speedFrom = from.isAfter(boundary) ? from : boundary;
        Instant recent = at.minus(Duration.ofHours(48));
        rows.addAll(dao.speedTrending(Granularity.HOUR,
                Granularity.HOUR.buckets(speedFrom.isAfter(recent) ? speedFrom : recent, at)));
        rows.sort(Comparator.comparingDouble(ViewsDao.TrendRow::score).reversed());
        for (ViewsDao.TrendRow r : rows) {
            if ((kind.equals("all") || kind.equals(r.kind())) && candidates.size() < 3 * limit) {
                candidates.putIfAbsent(r.term(), r);
            }
        }
        List<TrendItem> items = new ArrayList<>();
        // made at the end of the previous hour, about the hour that holds `at`
        Map<String, ViewsDao.Prediction> predictions = dao.predictions(
                Granularity.HOUR.bucketStart(at).minus(Duration.ofHours(1)), List.copyOf(candidates.keySet()));
        long windowPosts = candidates.isEmpty() ? 0 : reader.totals(window.step(), from, at, boundary).stream()
                .mapToLong(p -> p.counts().posts()).sum();
        for (ViewsDao.TrendRow c : candidates.values()) {
            List<MergedPoint> points = reader.term(c.term(), window.step(), from, at, boundary);
            Counts sum = points.stream().map(MergedPoint::counts).reduce(Counts.ZERO, Counts::plus);
            if (sum.posts() == 0) {
                continue;
            }
            Baseline b = baseline(publication, window.baselineStep(), c.term());
            // the baseline is of a share per bucket: a window of k buckets averages k shares
            Baseline scaled = new Baseline(b.mean(), b.variance() / window.baselineBuckets(), b.observations());
            TrendScore s = scorer.score(sum.posts(), Math.max(windowPosts, sum.posts()), scaled);
            List<String> sources = points.stream().map(p -> p.source().label()).distinct().sorted().toList();
            items.add(new TrendItem(c.term(), c.kind(), sum.posts(), s.expected(), sum.posts() - s.expected(),
                    s.expected() > 0 ? sum.posts() / s.expected() : null, s.score(), s.zscore(), s.surprise(), s.trending(),
                    sum.positive(), sum.neutral(), sum.negative(), sum.unscored(), sources,
                    predictions.get(c.term())));
        }
        items.sort(TrendItem.RANKING);
        return new TrendsResponse(window.label(), from, at, boundary, kind, items.subList(0, Math.min(limit, items.size())));
    }

    /**
     * The term's baseline at {@code step}, or, while that step has no history yet (a stream only
     * hours old has no hourly baseline), at the next finer step: a share is the same measure at
     * any bucket size, and a finer step's share varies more, so the stand-in errs towards not trending.
     */
    private Baseline baseline(Optional<ViewsDao.BoundaryRow> publication, Granularity step, String term) {
        Baseline b = dao.baseline(publication, step, term);
        for (int finer = step.ordinal() - 1; b.observations() == 0 && finer >= 0; finer--) {
            b = dao.baseline(publication, Granularity.values()[finer], term);
        }
        return b;
    }
}
