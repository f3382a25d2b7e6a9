package io.trendwatch.core.trend;

/**
 * Parameters of the trend score, shared by both layers.
 *
 * @param alpha            EWMA weight of the newest bucket (0.1 ≈ a memory of ~10 buckets)
 * @param beta             added to the standard deviation so near-constant terms need a real jump
 * @param minSupport       a term needs at least this many posts in the bucket to be scored at all
 * @param minExpected      floor of the Poisson rate, so a term never seen before is not infinitely surprising
 * @param zThreshold       z-score from which a term trends
 * @param surpriseThreshold −log10 of the Poisson tail probability from which a term trends: 7, because
 *                          every bucket tests tens of thousands of terms; at 3 (p = 0.001) dozens of
 *                          them trend each hour on Poisson noise alone (measured in docs/benchmarks.md)
 */
public record TrendParams(double alpha, double beta, long minSupport, double minExpected,
                          double zThreshold, double surpriseThreshold) implements java.io.Serializable {

    public static final TrendParams DEFAULT = new TrendParams(0.1, 1.0, 5, 0.5, 3.0, 7.0);

    public TrendParams {
        if (!(alpha > 0 && alpha <= 1) || beta < 0 || minSupport < 1 || !(minExpected > 0)) {
            throw new IllegalArgumentException("alpha in (0, 1], beta >= 0, minSupport >= 1, minExpected > 0");
        }
    }

    /** The trending verdict: the minimum support and both thresholds. */
    public boolean passes(long count, double zscore, double surprise) {
        return count >= minSupport && zscore >= zThreshold && surprise >= surpriseThreshold;
    }
}
