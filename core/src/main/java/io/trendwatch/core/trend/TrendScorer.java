package io.trendwatch.core.trend;

import org.apache.commons.statistics.distribution.PoissonDistribution;

/**
 * The one trend-scoring function of both layers (formulas in docs/trend-scoring.md).
 * Two views of the same question, "is this count a burst for this term?":
 * a z-score against the EWMA mean and variance of the term's share of posts
 * (SigniTrend, Schubert et al. 2014) and the Poisson tail probability of the
 * count given its expected count, share × the bucket's posts (as in Twitter's
 * trend detection). A term must have {@code minSupport}
 * posts in the bucket, so rare terms do not trend on noise. Pure and thread-safe.
 */
public final class TrendScorer implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final TrendParams params;

    public TrendScorer(TrendParams params) {
        this.params = params;
    }

    public TrendParams params() {
        return params;
    }

    /**
     * @param count    posts of the bucket that contain the term
     * @param total    all posts of the bucket: the baseline is of the term's share, so
     *                 a busier hour (the daily cycle, a general surge) raises every
     *                 term's expected count alike and trends none of them
     * @param baseline the term's share history
     */
    public TrendScore score(long count, long total, Baseline baseline) {
        if (count > total) {
            throw new IllegalArgumentException("count " + count + " exceeds the bucket's total " + total);
        }
        double expected = baseline.mean() * total;
        double z = (count - expected) / (baseline.stddev() * total + params.beta());
        double lambda = Math.max(expected, params.minExpected());
        double surprise = count <= lambda ? 0 : -logTail(count, lambda) / Math.log(10);
        boolean supported = count >= params.minSupport();
        double score = supported ? z : 0;
        boolean trending = supported && z >= params.zThreshold() && surprise >= params.surpriseThreshold();
        return new TrendScore(count, expected, z, surprise, score, trending);
    }

    /** The share a count is of its bucket, as the baselines hold it. */
    public static double share(long count, long total) {
        return total == 0 ? 0 : (double) count / total;
    }

    /** Natural log of P(X ≥ count) for X ~ Poisson(lambda), stable far into the tail. */
    static double logTail(long count, double lambda) {
        PoissonDistribution poisson = PoissonDistribution.of(lambda);
        double p = poisson.survivalProbability((int) Math.min(Integer.MAX_VALUE, count - 1));
        if (p > 0) {
            return Math.log(p);
        }
        // beyond double range: the first term dominates the tail sum
        return poisson.logProbability((int) Math.min(Integer.MAX_VALUE, count));
    }
}
