package io.trendwatch.core.trend;

import io.trendwatch.core.time.Granularity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the trend-prediction model sees of a term at a bucket, and what it is
 * asked: will the term be trending in the next bucket? The features come from
 * the term's own series up to and including the bucket (counts, growth, the
 * shared scorer's z-score and surprise against the term's share baseline);
 * the label is the shared trend definition ({@link TrendSeries}) applied to
 * the next bucket. Pure; the batch layer builds training sets and predictions
 * with it.
 */
public final class TrendFeatures {

    /** The names of {@link Example#features()}, in order. */
    public static final List<String> NAMES = List.of("log_count", "log_previous", "growth", "zscore", "surprise",
            "trending_now", "log_share_ratio", "log_total");

    /** Terms seen fewer times than this in a bucket are not candidates (they cannot trend next hour without a leap). */
    public static final long MIN_COUNT = 2;

    /**
     * @param bucket       the bucket the features describe
     * @param features     see {@link #NAMES}
     * @param trendingNext whether the term trends in the next bucket
     * @param labelled     whether the next bucket lies inside the series (else the label is unknown)
     */
    public record Example(Instant bucket, double[] features, boolean trendingNext, boolean labelled) {
    }

    private TrendFeatures() {
    }

    /**
     * @param points    the term's non-zero buckets at {@code step}, ascending, all before {@code until}
     * @param from      examples start here (earlier buckets are history)
     * @param until     end of the series (exclusive)
     * @param window    the baseline window of the trend definition
     */
    public static List<Example> of(List<TrendSeries.Point> points, Granularity step, Instant from, Instant until,
                                   Duration window, TrendScorer scorer) {
        Set<Instant> trending = new HashSet<>();
        TrendSeries.fold(points, step, from, until, window, scorer).trending().forEach(s -> trending.add(s.bucket()));
        double alpha = scorer.params().alpha();
        List<Example> out = new ArrayList<>();
        Baseline baseline = Baseline.EMPTY;
        long last = Long.MIN_VALUE;
        long lastCount = 0;
        for (TrendSeries.Point p : points) {
            long at = p.bucket().toEpochMilli();
            long gap = last == Long.MIN_VALUE ? 0 : (at - last) / step.millis() - 1;
            baseline = baseline.updateWithZeros(gap, alpha);
            long previous = gap == 0 ? lastCount : 0;
            if (!p.bucket().isBefore(from) && p.count() >= MIN_COUNT) {
                TrendScore s = scorer.score(p.count(), p.total(), baseline);
                Instant next = p.bucket().plusMillis(step.millis());
                double share = TrendScorer.share(p.count(), p.total());
                double[] f = {
                        Math.log1p(p.count()),
                        Math.log1p(previous),
                        Math.log1p(p.count()) - Math.log1p(previous),
                        clamp(s.zscore(), -10, 50),
                        clamp(s.surprise(), 0, 100),
                        s.trending() ? 1 : 0,
                        Math.log((share + 1e-6) / (baseline.mean() + 1e-6)),
                        Math.log1p(p.total())};
                out.add(new Example(p.bucket(), f, trending.contains(next), next.isBefore(until)));
            }
            baseline = baseline.update(TrendScorer.share(p.count(), p.total()), alpha);
            last = at;
            lastCount = p.count();
        }
        return out;
    }

    private static double clamp(double v, double lo, double hi) {
        return Double.isNaN(v) ? lo : Math.max(lo, Math.min(hi, v));
    }
}
