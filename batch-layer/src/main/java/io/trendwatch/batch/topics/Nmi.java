package io.trendwatch.batch.topics;

import java.util.HashMap;
import java.util.Map;

/**
 * Normalised mutual information between two labelings of the same items,
 * I(A;B) / ((H(A) + H(B)) / 2): 1 when one determines the other, 0 when they
 * are independent. Used to compare topic assignments with human topic labels.
 */
public final class Nmi {

    private Nmi() {
    }

    public static double of(int[] a, int[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("two labelings of the same, non-empty set of items are needed");
        }
        int n = a.length;
        Map<Integer, Integer> ca = new HashMap<>();
        Map<Integer, Integer> cb = new HashMap<>();
        Map<Long, Integer> joint = new HashMap<>();
        for (int i = 0; i < n; i++) {
            ca.merge(a[i], 1, Integer::sum);
            cb.merge(b[i], 1, Integer::sum);
            joint.merge(((long) a[i] << 32) | (b[i] & 0xffffffffL), 1, Integer::sum);
        }
        double mi = 0;
        for (Map.Entry<Long, Integer> e : joint.entrySet()) {
            int x = (int) (e.getKey() >> 32);
            int y = (int) (long) e.getKey();
            double pxy = (double) e.getValue() / n;
            mi += pxy * Math.log(pxy / ((double) ca.get(x) / n * cb.get(y) / n));
        }
        double ha = entropy(ca, n);
        double hb = entropy(cb, n);
        if (ha + hb == 0) {
            return 1.0; // both labelings put everything in one group: they agree
        }
        return Math.max(0, 2 * mi / (ha + hb));
    }

    private static double entropy(Map<Integer, Integer> counts, int n) {
        double h = 0;
        for (int c : counts.values()) {
            double p = (double) c / n;
            h -= p * Math.log(p);
        }
        return h;
    }
}
