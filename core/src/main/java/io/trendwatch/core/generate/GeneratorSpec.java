package io.trendwatch.core.generate;

import java.time.Duration;
import java.time.Instant;

/**
 * What to generate. The stream's rate follows a daily cycle around
 * {@code ratePerSecond} (peak at 18:00 UTC, trough at 06:00, amplitude
 * {@code dailyAmplitude}); hashtags are Zipf-distributed over
 * {@code vocabularySize} tags; {@code bursts} terms rise {@code burstFactor}-fold
 * for {@code burstLength} each.
 */
public record GeneratorSpec(
        double ratePerSecond,
        Duration duration,
        Instant start,
        long seed,
        int bursts,
        double burstFactor,
        Duration burstLength,
        int vocabularySize,
        double zipfExponent,
        double dailyAmplitude) {

    public GeneratorSpec {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive");
        }
        if (bursts < 0 || !(burstFactor >= 1) || burstLength.isNegative()) {
            throw new IllegalArgumentException("bursts must be >= 0 with a factor >= 1");
        }
        if (vocabularySize < 1 || !(dailyAmplitude >= 0 && dailyAmplitude < 1)) {
            throw new IllegalArgumentException("vocabulary must be >= 1 and amplitude in [0, 1)");
        }
    }

    public static GeneratorSpec of(double rate, Duration duration, Instant start, long seed) {
        return new GeneratorSpec(rate, duration, start, seed, 3, 10.0, Duration.ofMinutes(15), 500, 1.1, 0.5);
    }

    public GeneratorSpec withBursts(int count, double factor, Duration length) {
        return new GeneratorSpec(ratePerSecond, duration, start, seed, count, factor, length,
                vocabularySize, zipfExponent, dailyAmplitude);
    }
}
