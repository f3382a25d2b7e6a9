package io.trendwatch.model.sentiment;

import java.util.List;

/**
 * Temperature scaling of a model's class scores (Guo et al. 2017): the confidence of a label is the softmax of the
 * scores divided by one temperature, fitted on the dev split by the smallest negative log-likelihood. One number, so
 * the label (the highest score) never changes, only how sure the model says it is. The class-weighted training makes
 * raw softmax probabilities overstate the rare classes; the temperature does not undo that, it scales how far from
 * uniform the probabilities are, which is what the confidence of the chosen label needs. Measured by the expected
 * calibration error ({@link #ece}) on the holdout.
 */
public final class Calibration {

    /** A text's class scores and the index of its true class. */
    public record Scored(double[] scores, int truth) {
    }

    static final double MIN_TEMPERATURE = 0.05;
    static final double MAX_TEMPERATURE = 20;
    private static final int BINS = 15;

    private Calibration() {
    }

    /** The temperature in [{@value #MIN_TEMPERATURE}, {@value #MAX_TEMPERATURE}] of the smallest mean NLL. */
    public static double fitTemperature(List<Scored> dev) {
        if (dev.isEmpty()) {
            throw new IllegalArgumentException("fitting a temperature needs scored texts");
        }
        // the NLL is convex in 1/T: a golden-section search over log T finds its minimum
        double lo = Math.log(MIN_TEMPERATURE);
        double hi = Math.log(MAX_TEMPERATURE);
        double g = (Math.sqrt(5) - 1) / 2;
        double a = hi - g * (hi - lo);
        double b = lo + g * (hi - lo);
        double fa = nll(dev, Math.exp(a));
        double fb = nll(dev, Math.exp(b));
        for (int i = 0; i < 80; i++) {
            if (fa < fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - g * (hi - lo);
                fa = nll(dev, Math.exp(a));
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + g * (hi - lo);
                fb = nll(dev, Math.exp(b));
            }
        }
        return Math.exp((lo + hi) / 2);
    }

    /** The mean negative log-likelihood of the true classes at this temperature. */
    static double nll(List<Scored> texts, double temperature) {
        double sum = 0;
        for (Scored s : texts) {
            sum -= Math.log(Math.max(softmax(s.scores(), temperature)[s.truth()], 1e-300));
        }
        return sum / texts.size();
    }

    /** The class probabilities of {@code scores} at this temperature. */
    public static double[] softmax(double[] scores, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double z : scores) {
            max = Math.max(max, z);
        }
        double[] p = new double[scores.length];
        double sum = 0;
        for (int c = 0; c < scores.length; c++) {
            p[c] = Math.exp((scores[c] - max) / temperature);
            sum += p[c];
        }
        for (int c = 0; c < p.length; c++) {
            p[c] /= sum;
        }
        return p;
    }

    /**
     * The expected calibration error of the labels' confidences at this temperature: the texts in {@value #BINS}
     * equal-width bins of confidence, and the mean over bins, weighted by their texts, of |accuracy - confidence|.
     */
    public static double ece(List<Scored> texts, double temperature) {
        double[] confidence = new double[BINS];
        double[] correct = new double[BINS];
        int[] n = new int[BINS];
        for (Scored s : texts) {
            double[] p = softmax(s.scores(), temperature);
            int label = 0;
            for (int c = 1; c < p.length; c++) {
                if (p[c] > p[label]) {
                    label = c;
                }
            }
            int bin = Math.min(BINS - 1, (int) (p[label] * BINS));
            confidence[bin] += p[label];
            correct[bin] += label == s.truth() ? 1 : 0;
            n[bin]++;
        }
        double ece = 0;
        for (int b = 0; b < BINS; b++) {
            if (n[b] > 0) {
                ece += Math.abs(correct[b] - confidence[b]) / texts.size();
            }
        }
        return ece;
    }
}
