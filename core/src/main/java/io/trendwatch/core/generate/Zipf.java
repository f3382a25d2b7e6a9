package io.trendwatch.core.generate;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/** Samples ranks 0..n-1 with probability proportional to 1/(rank+1)^s, by inverse CDF. */
public final class Zipf {

    private final double[] cumulative;

    public Zipf(int n, double exponent) {
        if (n < 1) {
            throw new IllegalArgumentException("Zipf needs at least one rank");
        }
        cumulative = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1.0 / Math.pow(k + 1, exponent);
            cumulative[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            cumulative[k] /= sum;
        }
        cumulative[n - 1] = 1.0;
    }

    public int sample(RandomGenerator random) {
        int i = Arrays.binarySearch(cumulative, random.nextDouble());
        return i >= 0 ? i : -i - 1;
    }

    public double probability(int rank) {
        return rank == 0 ? cumulative[0] : cumulative[rank] - cumulative[rank - 1];
    }

    public int size() {
        return cumulative.length;
    }
}
