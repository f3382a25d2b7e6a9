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
        double z = zscore(count, total, baseline);
        double lambda = Math.max(expected, params.minExpected());
        double surprise = count <= lambda ? 0 : -logTail(count, lambda) / Math.log(10);
        boolean supported = count >= params.minSupport();
        double score = supported ? z : 0;
        boolean trending = params.passes(count, z, surprise);
        return new TrendScore(count, expected, z, surprise, score, trending);
    }

    /**
     * The score of a term's count over a window (the API's {@code /trends}, on both sides of the
     * boundary) against its history just before the window ({@link TermHistory}). The expected count
     * is at least {@code N / H}, the window's posts over the history's: a term absent from a long
     * history is expected at about one post in all of it, so the more history it was absent from,
     * the stronger its first posts weigh (its novelty is the evidence), and a short history makes a
     * new term less surprising. Without any history (the stream's first bucket) nothing is flagged
     * and the score is 0: every term would look new.
     *
     * @param count   the term's posts in the window
     * @param total   all posts of the window
     * @param history the term's history before the window
     */
    public TrendScore scoreWindow(long count, long total, TermHistory history) {
        if (count > total) {
            throw new IllegalArgumentException("count " + count + " exceeds the window's total " + total);
        }
        if (!history.known() || total == 0) {
            return new TrendScore(count, 0, 0, 0, 0, false);
        }
        Baseline b = history.baseline();
        // the highest rate the history plausibly allows: the 84 % upper limit of its count (Gehrels 1986)
        double seen = b.mean() * history.posts();
        double expected = (seen + Math.sqrt(seen + 0.75) + 1) * total / history.posts();
        double z = (count - expected) / (b.stddev() * total + params.beta());
        double surprise = count <= expected ? 0 : -logTail(count, expected) / Math.log(10);
        return new TrendScore(count, expected, z, surprise, z, params.passes(count, z, surprise));
    }

    /**
     * Whether the speed layer nominates a (minute, term) as a candidate of its hour: at least two
     * posts and a z-score of 2 against the term's minute baseline (none yet: every term with two
     * posts in a minute). A candidate is only looked at: the API scores it over its window with
     * {@link #scoreWindow}, so a generous nomination costs rows, never a wrong flag.
     */
    public boolean nominates(long count, long total, Baseline minuteBaseline) {
        // the z-score alone: the Poisson tail is computed once, for the rows that are written
        return count >= NOMINATION_SUPPORT && zscore(count, Math.max(total, count), minuteBaseline) >= NOMINATION_Z;
    }

    /** {@code (count − mean·total) / (stddev·total + β)}: the z-score of {@link #score}. */
    private double zscore(long count, long total, Baseline baseline) {
        return (count - baseline.mean() * total) / (baseline.stddev() * total + params.beta());
    }

    /** Posts a term needs in one minute to be nominated. */
    public static final long NOMINATION_SUPPORT = 2;
    /** The z-score against its minute baseline a term needs to be nominated. */
    public static final double NOMINATION_Z = 2;

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
