package io.trendwatch.model.sentiment;

import io.trendwatch.core.sentiment.PolarityRates;
import io.trendwatch.core.sentiment.Sentiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How close a term's positive share, estimated from the model's labels, comes to the true share (SemEval-2017
 * subtask D): over the posts of a topic known to be positive or negative, the share of positives. Two estimates:
 * <em>classify and count</em> (the model's positives over its positives and negatives) and the <em>adjusted
 * count</em>, which undoes the model's measured bias ({@link PolarityRates}, measured on other posts). Errors are the mean
 * absolute error and SemEval's smoothed Kullback-Leibler divergence, averaged over topics.
 */
public final class TopicShares {

    /** One labelled post of a topic: its true label (positive or negative) and the model's. */
    public record Labelled(String topic, Sentiment gold, Sentiment predicted) {
    }

    public record Topic(String topic, int posts, double truth, double classifyAndCount, double adjusted) {
    }

    public record Errors(double mae, double kld) {
    }

    public record Result(List<Topic> topics, Errors classifyAndCount, Errors adjusted) {
    }

    private TopicShares() {
    }

    public static Result evaluate(List<Labelled> posts, PolarityRates rates) {
        Map<String, int[]> byTopic = new TreeMap<>();   // true positives, true negatives, called positive, called negative
        for (Labelled l : posts) {
            if (l.gold() == Sentiment.NEUTRAL) {
                continue;
            }
            int[] c = byTopic.computeIfAbsent(l.topic(), k -> new int[4]);
            c[l.gold() == Sentiment.POSITIVE ? 0 : 1]++;
            if (l.predicted() == Sentiment.POSITIVE) {
                c[2]++;
            } else if (l.predicted() == Sentiment.NEGATIVE) {
                c[3]++;
            }
        }
        List<Topic> topics = new ArrayList<>();
        double[] sums = new double[4];
        for (Map.Entry<String, int[]> e : byTopic.entrySet()) {
            int[] c = e.getValue();
            int n = c[0] + c[1];
            double truth = (double) c[0] / n;
            double cc = c[2] + c[3] == 0 ? 0.5 : (double) c[2] / (c[2] + c[3]);
            double adjusted = rates.adjust(cc);
            topics.add(new Topic(e.getKey(), n, truth, cc, adjusted));
            sums[0] += Math.abs(cc - truth);
            sums[1] += kld(truth, cc, n);
            sums[2] += Math.abs(adjusted - truth);
            sums[3] += kld(truth, adjusted, n);
        }
        int k = Math.max(1, topics.size());
        return new Result(topics, new Errors(sums[0] / k, sums[1] / k), new Errors(sums[2] / k, sums[3] / k));
    }

    /** KLD of the estimate from the truth over {positive, negative}, both smoothed by 1/(2n) as SemEval-2017 does. */
    static double kld(double truth, double estimate, int n) {
        double eps = 1.0 / (2.0 * n);
        double p = (truth + eps) / (1 + 2 * eps);
        double q = (estimate + eps) / (1 + 2 * eps);
        return p * Math.log(p / q) + (1 - p) * Math.log((1 - p) / (1 - q));
    }
}
