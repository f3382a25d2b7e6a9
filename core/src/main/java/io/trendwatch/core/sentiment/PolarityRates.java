package io.trendwatch.core.sentiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A sentiment model's measured bias between positive and negative, and the share estimate that undoes it (the
 * <em>adjusted count</em>). Among posts the model calls positive or negative, {@code tpr} is the share of truly
 * positive ones it calls positive and {@code fpr} the share of truly negative ones it calls positive, both measured
 * on labelled posts it was not trained on. A counted positive share {@code cc} of the polar posts then estimates the
 * true one as {@code (cc - fpr) / (tpr - fpr)}, clipped to [0, 1]; the neutral share is left as counted. On the
 * topic-labelled tweets it comes closer to a topic's true positive share than the counted share does, at the same
 * KLD (docs/models.md, "Per-topic shares"), so the API shows it beside the counted shares, which stay exact.
 */
public record PolarityRates(double tpr, double fpr, int positives, int negatives) {

    /** The card metrics that hold the rates: measured by the time-split check on its dev tweets. */
    public static final String TPR = "time_dev_tpr";
    public static final String FPR = "time_dev_fpr";
    public static final String POSITIVES = "time_dev_positives";
    public static final String NEGATIVES = "time_dev_negatives";

    /** Shares of the scored posts (positive + neutral + negative). */
    public record Shares(double positive, double negative) {
    }

    /** The rates of {@code predicted} against {@code gold}, over the posts both call positive or negative. */
    public static PolarityRates of(List<Sentiment> gold, List<Sentiment> predicted) {
        int tp = 0;
        int pos = 0;
        int fp = 0;
        int neg = 0;
        for (int i = 0; i < gold.size(); i++) {
            Sentiment p = predicted.get(i);
            Sentiment g = gold.get(i);
            if (!polar(p) || !polar(g)) {
                continue;
            }
            if (g == Sentiment.POSITIVE) {
                pos++;
                tp += p == Sentiment.POSITIVE ? 1 : 0;
            } else {
                neg++;
                fp += p == Sentiment.POSITIVE ? 1 : 0;
            }
        }
        return new PolarityRates(pos == 0 ? 1 : (double) tp / pos, neg == 0 ? 0 : (double) fp / neg, pos, neg);
    }

    /** The rates a model card records, if it records them (cards trained before they were measured do not). */
    public static Optional<PolarityRates> fromMetrics(Map<String, Double> metrics) {
        Double tpr = metrics.get(TPR);
        Double fpr = metrics.get(FPR);
        if (tpr == null || fpr == null) {
            return Optional.empty();
        }
        return Optional.of(new PolarityRates(tpr, fpr, metrics.getOrDefault(POSITIVES, 0.0).intValue(),
                metrics.getOrDefault(NEGATIVES, 0.0).intValue()));
    }

    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(TPR, tpr);
        m.put(FPR, fpr);
        m.put(POSITIVES, (double) positives);
        m.put(NEGATIVES, (double) negatives);
        return m;
    }

    /** Whether the rates can correct anything: a model no better than chance between the two cannot be undone. */
    public boolean corrects() {
        return tpr > fpr;
    }

    /** The adjusted estimate of the positive share of the polar posts from their counted share. */
    public double adjust(double countedPositiveShare) {
        if (!corrects()) {
            return countedPositiveShare;
        }
        return Math.max(0, Math.min(1, (countedPositiveShare - fpr) / (tpr - fpr)));
    }

    /**
     * The positive and negative shares of the scored posts with the balance between the two adjusted and the neutral
     * share as counted; empty when no post was scored.
     */
    public Optional<Shares> shares(long positive, long neutral, long negative) {
        long scored = positive + neutral + negative;
        if (scored == 0) {
            return Optional.empty();
        }
        long polar = positive + negative;
        if (polar == 0) {
            return Optional.of(new Shares(0, 0));
        }
        double polarShare = (double) polar / scored;
        double positiveOfPolar = adjust((double) positive / polar);
        return Optional.of(new Shares(positiveOfPolar * polarShare, (1 - positiveOfPolar) * polarShare));
    }

    /** The shares as counted, for when no rates are known. */
    public static Optional<Shares> counted(long positive, long neutral, long negative) {
        long scored = positive + neutral + negative;
        return scored == 0 ? Optional.empty()
                : Optional.of(new Shares((double) positive / scored, (double) negative / scored));
    }

    private static boolean polar(Sentiment s) {
        return s == Sentiment.POSITIVE || s == Sentiment.NEGATIVE;
    }
}
