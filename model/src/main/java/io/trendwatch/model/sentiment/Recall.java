package io.trendwatch.model.sentiment;

import io.trendwatch.core.sentiment.Sentiment;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Per-class recall and their mean over positive, neutral and negative
 * ("AvgRec", the SemEval-2017 Task 4 subtask A metric), the mean F1 of the
 * positive and the negative class ("F1PN", its second metric), and accuracy.
 */
public record Recall(Map<Sentiment, Double> perClass, double avgRec, double f1pn, double accuracy, int n) {

    public static Recall of(List<Sentiment> gold, List<Sentiment> predicted) {
        if (gold.size() != predicted.size()) {
            throw new IllegalArgumentException(gold.size() + " gold labels but " + predicted.size() + " predictions");
        }
        Map<Sentiment, int[]> counts = new EnumMap<>(Sentiment.class);
        Map<Sentiment, Integer> predictedAs = new EnumMap<>(Sentiment.class);
        int correct = 0;
        for (int i = 0; i < gold.size(); i++) {
            predictedAs.merge(predicted.get(i), 1, Integer::sum);
            int[] c = counts.computeIfAbsent(gold.get(i), k -> new int[2]);
            c[1]++;
            if (gold.get(i) == predicted.get(i)) {
                c[0]++;
                correct++;
            }
        }
        Map<Sentiment, Double> per = new EnumMap<>(Sentiment.class);
        double sum = 0;
        for (Sentiment s : List.of(Sentiment.POSITIVE, Sentiment.NEUTRAL, Sentiment.NEGATIVE)) {
            int[] c = counts.getOrDefault(s, new int[2]);
            double r = c[1] == 0 ? 0 : (double) c[0] / c[1];
            per.put(s, r);
            sum += r;
        }
        double f1pn = 0;
        for (Sentiment s : List.of(Sentiment.POSITIVE, Sentiment.NEGATIVE)) {
            int[] c = counts.getOrDefault(s, new int[2]);
            int p = predictedAs.getOrDefault(s, 0);
            double precision = p == 0 ? 0 : (double) c[0] / p;
            double recall = per.get(s);
            f1pn += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
        return new Recall(per, sum / 3, f1pn / 2, gold.isEmpty() ? 0 : (double) correct / gold.size(), gold.size());
    }

    @Override
    public String toString() {
        return String.format("AvgRec %.4f (positive %.4f, neutral %.4f, negative %.4f), F1PN %.4f, accuracy %.4f, n=%d",
                avgRec, perClass.get(Sentiment.POSITIVE), perClass.get(Sentiment.NEUTRAL),
                perClass.get(Sentiment.NEGATIVE), f1pn, accuracy, n);
    }
}
