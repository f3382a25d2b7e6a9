package io.trendwatch.core.trend;

/**
 * A term's recent history at one step: the exponentially weighted moving mean
 * and variance of its share of the posts per bucket (SigniTrend's EWMA/EWMVar),
 * and how many buckets it has seen. Immutable; {@link #update} returns a new value.
 */
public record Baseline(double mean, double variance, long observations) implements java.io.Serializable {

    public static final Baseline EMPTY = new Baseline(0, 0, 0);

    /** A share below this is none (one post in a billion): the decay stops there. */
    public static final double ZERO = 1e-9;

    public Baseline {
        if (mean < 0 || variance < 0 || observations < 0) {
            throw new IllegalArgumentException("baseline values must be non-negative");
        }
    }

    /**
     * Folds in the next bucket's count: {@code Δ = x − μ; μ ← μ + αΔ; σ² ← (1 − α)(σ² + αΔ²)}.
     * The first observation sets the mean to x.
     */
    public Baseline update(double x, double alpha) {
        if (observations == 0) {
            return new Baseline(x, 0, 1);
        }
        double delta = x - mean;
        double nextMean = mean + alpha * delta;
        double nextVariance = (1 - alpha) * (variance + alpha * delta * delta);
        return new Baseline(Math.max(0, nextMean), Math.max(0, nextVariance), observations + 1);
    }

    /** Folds in {@code buckets} consecutive empty buckets (a sparse series stores no zero rows). */
    public Baseline updateWithZeros(long buckets, double alpha) {
        Baseline b = this;
        for (long i = 0; i < buckets && b.observations > 0; i++) {
            b = b.update(0, alpha);
            if (b.mean < ZERO && b.variance < ZERO * ZERO) {
                return new Baseline(0, 0, b.observations + (buckets - i - 1));
            }
        }
        return b;
    }

    public double stddev() {
        return Math.sqrt(variance);
    }
}
