package io.trendwatch.core.trend;

import io.trendwatch.core.time.Granularity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks one term's sparse series of bucket counts in time order, scoring each
 * bucket against the baseline of the buckets before it and then folding the
 * bucket in (missing buckets count as zero). The batch layer runs it per term
 * to rank the trending terms of every hour and day and to leave the baselines
 * the speed layer and the API score against. Pure.
 */
public final class TrendSeries {

    /** A bucket start and the number of posts of the bucket that contain the term. */
    public record Point(Instant bucket, long count) {
    }

    /** A bucket's score against the term's history before it. */
    public record Scored(Instant bucket, TrendScore score) {
    }

    /**
     * @param trending the buckets at or after {@code scoreFrom} that the scorer flags
     * @param baseline the term's baseline after every bucket before {@code until}
     */
    public record Result(List<Scored> trending, Baseline baseline) {
    }

    private TrendSeries() {
    }

    /**
     * @param points    the term's non-zero buckets at {@code step}, ascending, all before {@code until}
     * @param scoreFrom buckets before it only warm the baseline up
     * @param until     end of the history (exclusive), a bucket start
     */
    public static Result fold(List<Point> points, Granularity step, Instant scoreFrom, Instant until, TrendScorer scorer) {
        double alpha = scorer.params().alpha();
        long stepMillis = step.millis();
        Baseline baseline = Baseline.EMPTY;
        List<Scored> trending = new ArrayList<>();
        long previous = Long.MIN_VALUE;
        for (Point p : points) {
            long at = p.bucket().toEpochMilli();
            if (at <= previous) {
                throw new IllegalArgumentException("points must be ascending and distinct: " + p.bucket());
            }
            if (at >= until.toEpochMilli()) {
                throw new IllegalArgumentException("point " + p.bucket() + " is not before " + until);
            }
            if (previous != Long.MIN_VALUE) {
                baseline = baseline.updateWithZeros((at - previous) / stepMillis - 1, alpha);
            }
            if (!p.bucket().isBefore(scoreFrom)) {
                TrendScore score = scorer.score(p.count(), baseline);
                if (score.trending()) {
                    trending.add(new Scored(p.bucket(), score));
                }
            }
            baseline = baseline.update(p.count(), alpha);
            previous = at;
        }
        if (previous != Long.MIN_VALUE) {
            baseline = baseline.updateWithZeros((until.toEpochMilli() - previous) / stepMillis - 1, alpha);
        }
        return new Result(List.copyOf(trending), baseline);
    }
}
