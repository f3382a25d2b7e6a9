package io.trendwatch.serving.merge;

import io.trendwatch.core.time.Granularity;

import java.time.Instant;
import java.util.List;

/**
 * Which layer's trending rows stand for each part of a window, by the merge rule of {@link ViewMerger}: the batch
 * layer's rows of the buckets before the boundary B, the speed layer's hours from B on; never both, never neither.
 * Before B the batch rows are whole days where the caller reads days and a whole day ends by B, hours elsewhere
 * (the day that holds B is not a batch day yet). B is on an hour edge, as every published boundary is. Pure.
 *
 * @param batchDays  starts of the batch day buckets to read
 * @param batchHours starts of the batch hour buckets to read
 * @param speedHours starts of the speed hour buckets to read
 */
public record CandidateSplit(List<Instant> batchDays, List<Instant> batchHours, List<Instant> speedHours) {

    /**
     * @param from     the window's start; a {@code from} inside a bucket reads that bucket
     * @param to       the window's end (exclusive)
     * @param boundary the published boundary
     * @param coarsest {@link Granularity#DAY} to read batch days where they fit, {@link Granularity#HOUR} for hours only
     */
    public static CandidateSplit of(Instant from, Instant to, Instant boundary, Granularity coarsest) {
        if (coarsest == Granularity.MINUTE) {
            throw new IllegalArgumentException("trending rows are kept per hour and per day, not per minute");
        }
        Instant batchEnd = min(to, Granularity.HOUR.bucketStart(boundary));
        Instant daysEnd = coarsest == Granularity.DAY ? min(batchEnd, Granularity.DAY.bucketStart(batchEnd)) : from;
        List<Instant> days = daysEnd.isAfter(from) ? Granularity.DAY.buckets(from, daysEnd) : List.of();
        Instant hoursFrom = max(from, daysEnd);
        List<Instant> hours = batchEnd.isAfter(hoursFrom) ? Granularity.HOUR.buckets(hoursFrom, batchEnd) : List.of();
        Instant speedFrom = max(from, batchEnd);
        List<Instant> speed = to.isAfter(speedFrom) ? Granularity.HOUR.buckets(speedFrom, to) : List.of();
        return new CandidateSplit(days, hours, speed);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
