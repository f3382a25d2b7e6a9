package io.trendwatch.serving.merge;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.core.trend.TermHistory;
import io.trendwatch.core.trend.TrendParams;
import io.trendwatch.core.trend.TrendScore;
import io.trendwatch.core.trend.TrendScorer;
import io.trendwatch.core.trend.TrendWindow;
import io.trendwatch.serving.api.TrendItem;
import io.trendwatch.serving.api.TrendsResponse;
import io.trendwatch.serving.db.SeriesReader;
import io.trendwatch.serving.db.ViewReader;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * The trending terms of a window ending at a minute: the candidate terms of the window ({@link CandidateSplit}:
 * ranked by the batch layer before the boundary, nominated by the speed layer after it; read in the order of
 * {@link TrendCandidates}), each counted over the window through the merge rule and scored by the shared window
 * rule ({@link TrendScorer#scoreWindow}) against its history just before the window, read through the same merge
 * rule: an answer is a function of the views' counts alone, the same before and after a batch run publishes.
 * Flagged terms rank first, then by score.
 *
 * <p>Answers are cached per (window, limit, kind, minute); one older than the TTL is served while one background
 * task recomputes it, and at most {@value #MAX_CANDIDATES} candidates are read per answer.
 */
public final class WindowTrends {

    /** Series read per answer at most: the cost of one request stays bounded whatever its limit. */
    public static final int MAX_CANDIDATES = 120;
    private static final int MAX_CACHED_ANSWERS = 2_000;
    private static final Duration PRIOR_HOURS = Duration.ofHours(12);

    private final ViewReader dao;
    private final SeriesReader reader;
    private final ShareEstimator shares;
    private final TrendScorer scorer = new TrendScorer(TrendParams.DEFAULT);
    private final LoadingCache<Key, TrendsResponse> answers;
    /** The speed layer's candidates of past hours, which change only on a replay: read once in a while. */
    private final LoadingCache<Instant, List<ViewReader.TrendRow>> priorHours;

    private record Key(TrendWindow window, int limit, String kind, Instant at) {
    }

    public WindowTrends(ViewReader dao, SeriesReader reader, ShareEstimator shares, Duration cacheTtl) {
        this.dao = dao;
        this.reader = reader;
        this.shares = shares;
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
        this.priorHours = Caffeine.newBuilder()
                .maximumSize(96)
                .expireAfterWrite(Duration.ofMinutes(5))
                .build(new com.github.benmanes.caffeine.cache.CacheLoader<>() {
                    @Override
                    public List<ViewReader.TrendRow> load(Instant hour) {
                        return dao.speedTrending(Granularity.HOUR, List.of(hour));
                    }

                    @Override
                    public Map<Instant, List<ViewReader.TrendRow>> loadAll(Set<? extends Instant> hours) {
                        return dao.speedTrendingByBucket(Granularity.HOUR, List.copyOf(hours));
                    }
                });
    }

    /** The answer for the window ending at {@code at} (a minute), {@code limit} terms at most of {@code kind} ({@code all} or one). */
    public TrendsResponse get(TrendWindow window, int limit, String kind, Instant at) {
        return answers.get(new Key(window, limit, kind, at));
    }

    /** Drops cached answers (the admin task calls it after a batch run). */
    public void clearCache() {
        answers.invalidateAll();
        priorHours.invalidateAll();
    }

    private TrendsResponse compute(TrendWindow window, int limit, String kind, Instant at) {
        Instant from = window.from(at);
        Instant boundary = reader.boundary();
        ShareEstimator.Basis basis = shares.basis();
        // candidates: the terms the batch layer ranked in the window's buckets before the boundary and those
        // the speed layer nominated in its hours after it (of the last 48, which it keeps); every one is then
        // scored from the merged views alone
        CandidateSplit split = CandidateSplit.of(from, at, boundary, window.batchCandidateStep());
        List<ViewReader.TrendRow> batch = new ArrayList<>();
        if (!split.batchDays().isEmpty()) {
            batch.addAll(dao.batchTrending(Granularity.DAY, split.batchDays()));
        }
        if (!split.batchHours().isEmpty()) {
            batch.addAll(dao.batchTrending(Granularity.HOUR, split.batchHours()));
        }
        Instant recent = Granularity.HOUR.bucketStart(at.minus(Duration.ofHours(48)));
        List<Instant> speedHours = split.speedHours().stream().filter(h -> !h.isBefore(recent)).toList();
        List<ViewReader.TrendRow> speed = speedHours.isEmpty() ? List.of() : dao.speedTrending(Granularity.HOUR, speedHours);
        Instant firstHour = Granularity.HOUR.bucketStart(from);
        List<List<ViewReader.TrendRow>> prior = new ArrayList<>(priorHours.getAll(
                Granularity.HOUR.buckets(firstHour.minus(PRIOR_HOURS), firstHour)).values());
        Map<String, ViewReader.TrendRow> candidates = new LinkedHashMap<>();
        TrendCandidates.order(batch, speed, prior, kind, Math.min(3 * limit, MAX_CANDIDATES))
                .forEach(r -> candidates.put(r.term(), r));
        List<TrendItem> items = new ArrayList<>();
        if (!candidates.isEmpty()) {
            // made at the end of the previous hour, about the hour that holds `at`
            Map<String, ViewReader.Prediction> predictions = dao.predictions(
                    Granularity.HOUR.bucketStart(at).minus(Duration.ofHours(1)), List.copyOf(candidates.keySet()));
            long windowPosts = reader.totals(window.step(), from, at, boundary).stream().mapToLong(p -> p.counts().posts()).sum();
            Granularity historyStep = window.baselineStep();
            Instant historyFrom = window.historyFrom(at);
            Instant historyTo = window.historyTo(at);
            List<TermHistory.Bucket> history = reader.totals(historyStep, historyFrom, historyTo, boundary).stream()
                    .map(p -> new TermHistory.Bucket(p.bucket(), p.counts().posts())).toList();
            for (ViewReader.TrendRow c : candidates.values()) {
                List<MergedPoint> points = reader.term(c.term(), window.step(), from, at, boundary);
                Counts sum = points.stream().map(MergedPoint::counts).reduce(Counts.ZERO, Counts::plus);
                if (sum.posts() == 0) {
                    continue;
                }
                Map<Instant, Long> past = new HashMap<>();
                reader.term(c.term(), historyStep, historyFrom, historyTo, boundary)
                        .forEach(p -> past.put(p.bucket(), p.counts().posts()));
                TermHistory termHistory = window.scaled(TermHistory.of(history, past));
                TrendScore s = scorer.scoreWindow(sum.posts(), Math.max(windowPosts, sum.posts()), termHistory);
                List<String> sources = points.stream().map(p -> p.source().label()).distinct().sorted().toList();
                ShareEstimator.Estimate e = basis.estimate(sum);
                items.add(new TrendItem(c.term(), c.kind(), sum.posts(), s.expected(), sum.posts() - s.expected(),
                        s.expected() > 0 ? sum.posts() / s.expected() : null, s.score(), s.zscore(), s.surprise(), s.trending(),
                        sum.positive(), sum.neutral(), sum.negative(), sum.unscored(), e.positive(), e.negative(), sources,
                        predictions.get(c.term())));
            }
        }
        items.sort(TrendItem.RANKING);
        return new TrendsResponse(window.label(), from, at, boundary, kind, basis.method().label(), basis.model(),
                items.subList(0, Math.min(limit, items.size())));
    }
}
