package io.trendwatch.model.sentiment;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Texts whose true classes are drawn from the softmax of their scores at a known temperature: the fit finds that
 * temperature, and the calibration error at it is near zero while the raw scores' is not.
 */
class CalibrationTest {

    @Test
    void findsTheTemperatureTheClassesWereDrawnAt() {
        for (double truth : new double[]{0.5, 2.0}) {
            List<Calibration.Scored> dev = draw(20_000, truth, new Random(7));
            List<Calibration.Scored> holdout = draw(20_000, truth, new Random(11));
            double fitted = Calibration.fitTemperature(dev);
            assertThat(fitted).isCloseTo(truth, within(truth * 0.05));
            assertThat(Calibration.ece(holdout, fitted)).isLessThan(0.015);
            assertThat(Calibration.ece(holdout, 1)).isGreaterThan(0.05);
            assertThat(Calibration.nll(holdout, fitted)).isLessThan(Calibration.nll(holdout, 1));
        }
    }

    @Test
    void softmaxSumsToOneAndKeepsTheOrderOfTheScores() {
        double[] p = Calibration.softmax(new double[]{3.0, -1.0, 10.0}, 0.7);
        assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, within(1e-12));
        assertThat(p[2]).isGreaterThan(p[0]);
        assertThat(p[0]).isGreaterThan(p[1]);
    }

    private static List<Calibration.Scored> draw(int n, double temperature, Random random) {
        List<Calibration.Scored> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] scores = {random.nextGaussian() * 2, random.nextGaussian() * 2, random.nextGaussian() * 2};
            double[] p = Calibration.softmax(scores, temperature);
            double u = random.nextDouble();
            int truth = u < p[0] ? 0 : u < p[0] + p[1] ? 1 : 2;
            out.add(new Calibration.Scored(scores, truth));
        }
        return out;
    }
}
