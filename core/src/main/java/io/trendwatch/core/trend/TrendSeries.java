package io.trendwatch.core.trend;

import io.trendwatch.core.time.Granularity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores one term's sparse series of bucket counts. The baseline of a bucket
 * is the EWMA mean and variance of the term's share over a fixed window of
 * buckets just before it (missing buckets count as zero), so a bucket's score
 * depends on the data alone, never on where a job happened to start reading:
 * a rerun or a backfill scores every bucket exactly as the nightly run did.
 * The batch layer runs it per term to rank the trending terms of every hour
 * and day and to leave the baselines the speed layer and the API score
 * against. Pure.
 */
public final class TrendSeries {

    /** A bucket start, the number of its posts that contain the term, and all its posts. */
    public record Point(Instant bucket, long count, long total) {
    }

    /** A bucket's score against the term's history before it. */
    public record Scored(Instant bucket, TrendScore score) {
    }

    /**
     * @param trending the buckets at or after {@code scoreFrom} that the scorer flags
     * @param baseline the term's baseline over the window before {@code until}
     */
    public record Result(List<Scored> trending, Baseline baseline) {
    }

    private TrendSeries() {
    }

    /**
     * @param points    the term's non-zero buckets at {@code step}, ascending, all before {@code until}
     * @param scoreFrom buckets before it are history only
     * @param until     end of the series (exclusive), a bucket start
     * @param window    how much history a baseline folds in
     */
    public static Result fold(List<Point> points, Granularity step, Instant scoreFrom, Instant until, Duration window,
                              TrendScorer scorer) {
        long previous = Long.MIN_VALUE;
        for (Point p : points) {
            long at = p.bucket().toEpochMilli();
            if (at <= previous) {
                throw new IllegalArgumentException("points must be ascending and distinct: " + p.bucket());
            }
            if (at >= until.toEpochMilli()) {
                throw new IllegalArgumentException("point " + p.bucket() + " is not before " + until);
            }
            previous = at;
        }
        List<Scored> trending = new ArrayList<>();
        long minSupport = scorer.params().minSupport();
        int first = 0;
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            if (p.bucket().isBefore(scoreFrom) || p.count() < minSupport) {
                continue; // history only, or too rare to trend whatever its baseline
            }
            Instant from = p.bucket().minus(window);
            while (points.get(first).bucket().isBefore(from)) {
                first++;
            }
            TrendScore score = scorer.score(p.count(), p.total(), baseline(points, first, i, p.bucket(), step, scorer.params().alpha()));
            if (score.trending()) {
                trending.add(new Scored(p.bucket(), score));
            }
        }
        Instant from = until.minus(window);
        int start = 0;
        while (start < points.size() && points.get(start).bucket().isBefore(from)) {
            start++;
        }
        return new Result(List.copyOf(trending), baseline(points, start, points.size(), until, step, scorer.params().alpha()));
    }

    /** EWMA over points[from, to) with the empty buckets between them and up to {@code end}. */
    private static Baseline baseline(List<Point> points, int from, int to, Instant end, Granularity step, double alpha) {
        Baseline b = Baseline.EMPTY;
        long last = Long.MIN_VALUE;
        for (int k = from; k < to; k++) {
            long at = points.get(k).bucket().toEpochMilli();
            if (last != Long.MIN_VALUE) {
                b = b.updateWithZeros((at - last) / step.millis() - 1, alpha);
            }
            b = b.update(TrendScorer.share(points.get(k).count(), points.get(k).total()), alpha);
            last = at;
        }
        if (last != Long.MIN_VALUE) {
            b = b.updateWithZeros((end.toEpochMilli() - last) / step.millis() - 1, alpha);
        }
        return b;
    }
}
