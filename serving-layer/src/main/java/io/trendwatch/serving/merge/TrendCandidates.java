package io.trendwatch.serving.merge;

import io.trendwatch.serving.db.ViewReader.TrendRow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which candidates of a window {@code /trends} reads, in order, at most {@code max}: the terms the batch layer
 * flagged in the window's buckets first (by their score), then those the speed layer nominated in the window's
 * hours, by how far their best minute rises above their best minutes of the hours before (an hour without a
 * row of the term counts as 0; an hour without any row, before the stream or the speed layer started, is left
 * out). Before any batch run every term with two posts in a minute is nominated, so a
 * busy word's candidate row is there every hour: ordered by its best minute alone, busy words would fill the
 * list before a new term's burst; against its own earlier hours a steady term's rise is about 0 and a new
 * term's is its count. Only the order of reading is decided here: every read candidate is scored by the
 * window rule. Pure.
 */
final class TrendCandidates {

    private TrendCandidates() {
    }

    /**
     * @param batch      the batch layer's flagged rows of the window's buckets
     * @param speed      the speed layer's candidate rows of the window's hours
     * @param speedPrior the speed layer's candidate rows of each of the hours before the window
     * @param kind       {@code all} or the kind to keep
     */
    static List<TrendRow> order(Collection<TrendRow> batch, Collection<TrendRow> speed,
                                Collection<List<TrendRow>> speedPrior, String kind, int max) {
        Map<String, TrendRow> out = new LinkedHashMap<>();
        batch.stream().filter(r -> keeps(kind, r)).sorted(Comparator.comparingDouble(TrendRow::score).reversed())
                .forEach(r -> out.putIfAbsent(r.term(), r));
        Map<String, TrendRow> best = new HashMap<>();
        speed.stream().filter(r -> keeps(kind, r)).forEach(r -> best.merge(r.term(), r, (a, b) -> a.posts() >= b.posts() ? a : b));
        Map<String, Double> priorSum = new HashMap<>();
        for (List<TrendRow> hour : speedPrior) {
            for (TrendRow r : hour) {
                if (best.containsKey(r.term())) {
                    priorSum.merge(r.term(), (double) r.posts(), Double::sum);
                }
            }
        }
        // an hour without any candidate (before the stream, or the speed layer, started) is no evidence
        int hours = (int) Math.max(1, speedPrior.stream().filter(h -> !h.isEmpty()).count());
        List<TrendRow> nominated = new ArrayList<>(best.values());
        Map<String, Double> rise = new HashMap<>();
        for (TrendRow r : nominated) {
            double usual = priorSum.getOrDefault(r.term(), 0.0) / hours;
            rise.put(r.term(), (r.posts() - usual) / (Math.sqrt(usual) + 1));
        }
        nominated.sort(Comparator.comparingDouble((TrendRow r) -> rise.get(r.term())).reversed().thenComparing(TrendRow::term));
        nominated.forEach(r -> out.putIfAbsent(r.term(), r));
        return out.values().stream().limit(max).toList();
    }

    private static boolean keeps(String kind, TrendRow r) {
        return kind.equals("all") || kind.equals(r.kind());
    }
}
