package io.trendwatch.batch.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Waits, up to a limit, for the speed layer's watermark to reach an instant. A run never publishes a boundary past
 * the hour of that watermark (read before the archive reads its end offsets), so a run started while the speed layer
 * is still counting publishes an earlier boundary; waiting first lets it publish the one asked for, and the run's
 * start-up overlaps the speed layer's counting. No watermark yet is waited for too: a speed layer that has just
 * started reports its first one after its first micro-batch, and a run that read none would publish the as-of hour
 * while that speed layer counts. Only when the wait is over does no watermark mean no bound.
 */
public final class SpeedCatchUp {

    /** How often the watermark is read again while waiting. */
    public static final Duration POLL = Duration.ofSeconds(1);

    /** Time as the wait sees it: a monotonic clock and a sleep. */
    public interface Clock {
        long nanoTime();

        void sleep(Duration d) throws InterruptedException;

        Clock SYSTEM = new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleep(Duration d) throws InterruptedException {
                Thread.sleep(d.toMillis());
            }
        };
    }

    /** The last watermark read (none if none was), how long the wait took, and whether it reached the target. */
    public record Outcome(Optional<Instant> watermark, Duration waited, boolean reached) {
    }

    private SpeedCatchUp() {
    }

    /**
     * Reads {@code watermark} until it is at or after {@code target} or {@code limit} has passed (a zero limit reads
     * it once), every {@code poll}.
     */
    public static Outcome await(Supplier<Optional<Instant>> watermark, Instant target, Duration limit, Duration poll,
                                Clock clock) throws InterruptedException {
        long start = clock.nanoTime();
        while (true) {
            Optional<Instant> w = watermark.get();
            Duration waited = Duration.ofNanos(clock.nanoTime() - start);
            if (w.isPresent() && !w.get().isBefore(target)) {
                return new Outcome(w, waited, true);
            }
            Duration left = limit.minus(waited);
            if (left.isNegative() || left.isZero()) {
                return new Outcome(w, waited, false);
            }
            clock.sleep(left.compareTo(poll) < 0 ? left : poll);
        }
    }
}
