package io.trendwatch.serving.core;

import io.trendwatch.core.time.Granularity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The merge rule, in one place. With the published batch boundary B:
 * a bucket that starts before B comes from the batch view, one that starts at
 * or after B from the speed view; never both, never neither. A coarse bucket
 * (hour, day) that straddles B is rolled up from minutes: batch minutes before
 * B, speed minutes from B on, so no minute is counted twice or missed.
 *
 * <p>Pure: {@link #plan} says which rows to read, {@link #merge} combines
 * them. The caller reads B once per request, so a boundary that moves between
 * two requests never mixes inside one answer.
 */
public final class ViewMerger {

    private ViewMerger() {
    }

    /**
     * The rows a series needs. Buckets start in {@code [from, to)} after
     * aligning {@code from} down to the step.
     *
     * @param batchAtStep    batch rows at the requested step (whole buckets before B)
     * @param batchMinutes   batch minute rows of the bucket straddling B (empty unless step is coarse and B is inside a bucket)
     * @param speedMinutes   speed minute rows from B on
     */
    public record ReadPlan(Granularity step, Instant from, Instant to, Instant boundary,
                           TimeRange batchAtStep, TimeRange batchMinutes, TimeRange speedMinutes) {
    }

    public static ReadPlan plan(Granularity step, Instant from, Instant to, Instant boundary) {
        Instant start = step.bucketStart(from);
        Instant straddleStart = step.bucketStart(boundary);
        boolean straddles = step != Granularity.MINUTE && straddleStart.isBefore(boundary);
        Instant wholeBatchEnd = min(to, straddles ? straddleStart : boundary);
        TimeRange batchAtStep = new TimeRange(start, wholeBatchEnd);
        TimeRange batchMinutes = straddles
                ? new TimeRange(max(start, straddleStart), min(to, boundary))
                : new TimeRange(boundary, boundary);
        TimeRange speedMinutes = new TimeRange(max(start, boundary), to);
        return new ReadPlan(step, start, to, boundary, batchAtStep, batchMinutes, speedMinutes);
    }

    /**
     * Combines the rows read for a plan. Rows outside their plan's ranges are
     * ignored, which is what enforces "never both": a batch row at or after B
     * or a speed row before B is never used.
     */
    public static List<MergedPoint> merge(ReadPlan plan, Map<Instant, Counts> batchAtStep,
                                          Map<Instant, Counts> batchMinutes, Map<Instant, Counts> speedMinutes) {
        Granularity step = plan.step();
        NavigableMap<Instant, Counts> batchPart = new TreeMap<>();
        NavigableMap<Instant, Counts> speedPart = new TreeMap<>();
        batchAtStep.forEach((bucket, c) -> {
            if (plan.batchAtStep().contains(bucket) && step.isBucketStart(bucket)) {
                batchPart.merge(bucket, c, Counts::plus);
            }
        });
        batchMinutes.forEach((minute, c) -> {
            if (plan.batchMinutes().contains(minute)) {
                batchPart.merge(step.bucketStart(minute), c, Counts::plus);
            }
        });
        speedMinutes.forEach((minute, c) -> {
            if (plan.speedMinutes().contains(minute)) {
                speedPart.merge(step.bucketStart(minute), c, Counts::plus);
            }
        });
        TreeMap<Instant, MergedPoint> points = new TreeMap<>();
        for (var e : batchPart.entrySet()) {
            points.put(e.getKey(), new MergedPoint(e.getKey(), e.getValue(), Source.BATCH));
        }
        for (var e : speedPart.entrySet()) {
            points.merge(e.getKey(), new MergedPoint(e.getKey(), e.getValue(), Source.SPEED),
                    (b, s) -> new MergedPoint(b.bucket(), b.counts().plus(s.counts()), Source.BATCH_AND_SPEED));
        }
        return new ArrayList<>(points.values());
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
