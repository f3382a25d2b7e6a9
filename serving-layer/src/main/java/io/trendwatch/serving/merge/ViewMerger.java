package io.trendwatch.serving.merge;

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
 * (hour, day) that straddles B is summed from its parts, each from one view:
 * batch hours of it that end by B, batch minutes of the hour that holds B (none
 * when B is on an hour edge, as every published boundary is), speed minutes
 * from B on. So no minute is counted twice or missed.
 *
 * <p>A series holds the buckets that start in {@code [from, to)}, {@code from}
 * aligned down to the step, and each of them whole: a {@code to} inside a
 * bucket means the same on both sides of B.
 *
 * <p>Pure: {@link #plan} says which rows to read, {@link #merge} combines
 * them. The caller reads B once per request, so a boundary that moves between
 * two requests never mixes inside one answer.
 */
public final class ViewMerger {

    private ViewMerger() {
    }

    /**
     * The rows a series needs.
     *
     * @param from         the first bucket's start
     * @param to           the end of the last bucket (whole buckets only)
     * @param batchAtStep  batch rows at the requested step (whole buckets before B)
     * @param batchHours   batch hour rows of the day that straddles B (step day only)
     * @param batchMinutes batch minute rows of the hour that straddles B (none when B is on an hour edge)
     * @param speedMinutes speed minute rows from B on
     */
    public record ReadPlan(Granularity step, Instant from, Instant to, Instant boundary,
                           TimeRange batchAtStep, TimeRange batchHours, TimeRange batchMinutes, TimeRange speedMinutes) {
    }

    public static ReadPlan plan(Granularity step, Instant from, Instant to, Instant boundary) {
        Instant start = step.bucketStart(from);
        Instant end = bucketEnd(step, to);
        Instant b = Granularity.MINUTE.bucketStart(boundary);
        Instant stepEdge = step.bucketStart(b);
        Instant hourEdge = Granularity.HOUR.bucketStart(b);
        TimeRange batchAtStep = new TimeRange(start, min(end, stepEdge));
        // the parts of a bucket that straddles B, each clipped to the series
        TimeRange batchHours = step == Granularity.DAY
                ? new TimeRange(max(start, stepEdge), min(end, hourEdge)) : empty(b);
        TimeRange batchMinutes = step == Granularity.MINUTE
                ? empty(b) : new TimeRange(max(start, hourEdge), min(end, b));
        TimeRange speedMinutes = new TimeRange(max(start, b), end);
        return new ReadPlan(step, start, end, b, batchAtStep, batchHours, batchMinutes, speedMinutes);
    }

    /**
     * Combines the rows read for a plan. Rows outside their plan's ranges are
     * ignored, which is what enforces "never both": a batch row at or after B
     * or a speed row before B is never used.
     */
    public static List<MergedPoint> merge(ReadPlan plan, Map<Instant, Counts> batchAtStep, Map<Instant, Counts> batchHours,
                                          Map<Instant, Counts> batchMinutes, Map<Instant, Counts> speedMinutes) {
        Granularity step = plan.step();
        NavigableMap<Instant, Counts> batchPart = new TreeMap<>();
        NavigableMap<Instant, Counts> speedPart = new TreeMap<>();
        addWithin(batchPart, batchAtStep, plan.batchAtStep(), step, step);
        addWithin(batchPart, batchHours, plan.batchHours(), Granularity.HOUR, step);
        addWithin(batchPart, batchMinutes, plan.batchMinutes(), Granularity.MINUTE, step);
        addWithin(speedPart, speedMinutes, plan.speedMinutes(), Granularity.MINUTE, step);
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

    /** Adds the rows that start a {@code rowStep} bucket inside {@code range}, each to the {@code step} bucket holding it. */
    private static void addWithin(NavigableMap<Instant, Counts> into, Map<Instant, Counts> rows, TimeRange range,
                                  Granularity rowStep, Granularity step) {
        rows.forEach((bucket, c) -> {
            if (range.contains(bucket) && rowStep.isBucketStart(bucket)) {
                into.merge(step.bucketStart(bucket), c, Counts::plus);
            }
        });
    }

    /** The end of the bucket that holds the instant just before {@code to}: whole buckets up to {@code to}. */
    static Instant bucketEnd(Granularity step, Instant to) {
        Instant s = step.bucketStart(to);
        return s.equals(to) ? to : step.nextBucket(s);
    }

    private static TimeRange empty(Instant at) {
        return new TimeRange(at, at);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
