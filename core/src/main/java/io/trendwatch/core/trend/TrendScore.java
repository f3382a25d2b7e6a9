package io.trendwatch.core.trend;

/**
 * How unusual a term's count in a bucket is against its baseline.
 *
 * @param count    posts containing the term in the bucket
 * @param expected the count the baseline expects: its mean share × the bucket's posts
 * @param zscore   {@code (count − expected) / (stddev of the share × posts + β)}
 * @param surprise {@code −log10 P(X ≥ count)} for {@code X ~ Poisson(max(mean, minExpected))}
 * @param score    the ranking value: the z-score when the count has the minimum support, else 0
 * @param trending whether both the z-score and the surprise pass their thresholds
 */
public record TrendScore(long count, double expected, double zscore, double surprise, double score, boolean trending) {
}
