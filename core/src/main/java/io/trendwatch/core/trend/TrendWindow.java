package io.trendwatch.core.trend;

import io.trendwatch.core.time.Granularity;

import java.time.Instant;

/**
 * The windows of {@code /trends}: the step their counts are summed at, the
 * history they are scored against (buckets of the baseline step just before
 * the window, the variance scaled for 7 days), and the buckets in which each
 * view lists its candidate terms.
 */
public enum TrendWindow {
    ONE_HOUR("1h", Granularity.MINUTE, Granularity.HOUR, 1, 12, Granularity.HOUR),
    ONE_DAY("24h", Granularity.HOUR, Granularity.DAY, 1, 7, Granularity.HOUR),
    SEVEN_DAYS("7d", Granularity.DAY, Granularity.DAY, 7, 28, Granularity.DAY);

    private final String label;
    private final Granularity step;
    private final Granularity baselineStep;
    private final int baselineBuckets;
    private final int historyBuckets;
    private final Granularity batchCandidateStep;

    TrendWindow(String label, Granularity step, Granularity baselineStep, int baselineBuckets, int historyBuckets,
                Granularity batchCandidateStep) {
        this.label = label;
        this.step = step;
        this.baselineStep = baselineStep;
        this.baselineBuckets = baselineBuckets;
        this.historyBuckets = historyBuckets;
        this.batchCandidateStep = batchCandidateStep;
    }

    public String label() {
        return label;
    }

    public Granularity step() {
        return step;
    }

    public Granularity baselineStep() {
        return baselineStep;
    }

    /** How many baseline buckets the window spans (a 7-day window against a daily baseline: 7). */
    public int baselineBuckets() {
        return baselineBuckets;
    }

    /**
     * End of the window's history: the start of the baseline bucket that holds the window's start,
     * so the history never overlaps the window.
     */
    public Instant historyTo(Instant at) {
        return baselineStep.bucketStart(from(at));
    }

    /** Start of the history: 12 hours before a 1-hour window, 7 days before 24 hours, 28 days before 7 days. */
    public Instant historyFrom(Instant at) {
        return historyTo(at).minusMillis(historyBuckets * baselineStep.millis());
    }

    /**
     * The history as a window's baseline: a window of k baseline buckets averages k shares, so the
     * variance of its share is the buckets' divided by k.
     */
    public TermHistory scaled(TermHistory history) {
        Baseline b = history.baseline();
        return baselineBuckets == 1 ? history
                : new TermHistory(new Baseline(b.mean(), b.variance() / baselineBuckets, b.observations()), history.posts());
    }

    public Granularity batchCandidateStep() {
        return batchCandidateStep;
    }

    /** Start of the window ending at {@code at}: the last hour, the last 24 hour buckets, the last 7 day buckets. */
    public Instant from(Instant at) {
        return switch (this) {
            case ONE_HOUR -> at.minusSeconds(3600);
            case ONE_DAY -> Granularity.HOUR.bucketStart(at).minusSeconds(23 * 3600L);
            case SEVEN_DAYS -> Granularity.DAY.bucketStart(at).minusSeconds(6 * 86_400L);
        };
    }

    public static TrendWindow parse(String s) {
        for (TrendWindow w : values()) {
            if (w.label.equals(s)) {
                return w;
            }
        }
        throw new IllegalArgumentException(s);
    }
}
