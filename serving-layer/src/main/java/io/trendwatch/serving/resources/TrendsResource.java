package io.trendwatch.serving.resources;

import com.codahale.metrics.annotation.Timed;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

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
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * {@code GET /api/v1/trends?window=1h|24h|7d&limit=N&kind=...&at=}: the terms
 * either view flagged in the window, each counted over the window through the
 * merge rule and scored by the shared trend scorer against its baseline;
 * flagged terms rank first, then by score.
 * Answers are cached for a few seconds per (window, limit, kind, minute of at);
 * an expired answer is served while one background task recomputes it, and
 * at most 120 candidates are read per answer.
 */
@Path("/api/v1/trends")
@Produces(MediaType.APPLICATION_JSON)
public final class TrendsResource {

    private static final int MAX_LIMIT = 100;
    /** Series read per answer at most: the cost of one request stays bounded whatever its limit. */
    private static final int MAX_CANDIDATES = 120;
    private static final int MAX_CACHED_ANSWERS = 2_000;
    private static final Set<String> KINDS = Set.of("all", "hashtag", "mention", "word", "cashtag", "emoji");

    private final ViewsDao dao;
    private final SeriesReader reader;
    private final TrendScorer scorer = new TrendScorer(TrendParams.DEFAULT);
    private final LoadingCache<Key, TrendsResponse> answers;

    private record Key(TrendWindow window, int limit, String kind, Instant at) {
    }

    public TrendsResource(ViewsDao dao, SeriesReader reader, Duration cacheTtl) {
        this.dao = dao;
        this.reader = reader;
        Executor refresher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "trends-refresh");
            t.setDaemon(true);
            return t;
        });
        // identical requests share one computation; an answer older than the TTL is served while one task recomputes it
        this.answers = Caffeine.newBuilder()
                .maximumSize(MAX_CACHED_ANSWERS)
                .refreshAfterWrite(cacheTtl)
                .expireAfterWrite(cacheTtl.multipliedBy(12).compareTo(Duration.ofMinutes(1)) > 0 ? cacheTtl.multipliedBy(12) : Duration.ofMinutes(1))
                .executor(refresher)
                .build(k -> compute(k.window(), k.limit(), k.kind(), k.at()));
    }

    /** Drops cached answers (the admin task calls it after a batch run). */
    public void clearCache() {
        answers.invalidateAll();
    }

    @GET
    @Timed
    public TrendsResponse trends(@QueryParam("window") String windowParam, @QueryParam("limit") String limitParam,
                                 @QueryParam("kind") String kindParam, @QueryParam("at") String atParam) {
        TrendWindow window;
        try {
            window = TrendWindow.parse(windowParam == null ? "1h" : windowParam.strip());
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("window", "parameter 'window' must be one of 1h, 24h, 7d, got '" + Params.shown(windowParam) + "'");
        }
        int limit = Params.limit(limitParam, 20, MAX_LIMIT);
        String kind = kindParam == null || kindParam.isBlank() ? "all" : kindParam.strip().toLowerCase(Locale.ROOT);
        if (!KINDS.contains(kind)) {
            throw new BadParameterException("kind", "parameter 'kind' must be one of all, hashtag, mention, word, cashtag, emoji, got '"
                    + Params.shown(kindParam) + "'");
        }
        Instant at = Params.instant("at", atParam, Instant.now()).truncatedTo(ChronoUnit.MINUTES);
        return answers.get(new Key(window, limit, kind, at));
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
            if ((kind.equals("all") || kind.equals(r.kind())) && candidates.size() < Math.min(3 * limit, MAX_CANDIDATES)) {
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
