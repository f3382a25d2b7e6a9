package io.trendwatch.batch.run;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SpeedCatchUpTest {

    private static final Instant TARGET = Instant.parse("2026-12-04T16:00:00Z");

    /** A clock that moves only when the wait sleeps, and remembers each sleep. */
    private static final class FakeClock implements SpeedCatchUp.Clock {
        long nanos;
        final List<Duration> sleeps = new ArrayList<>();

        @Override
        public long nanoTime() {
            return nanos;
        }

        @Override
        public void sleep(Duration d) {
            sleeps.add(d);
            nanos += d.toNanos();
        }
    }

    private static java.util.function.Supplier<Optional<Instant>> reads(String... watermarks) {
        Iterator<String> it = java.util.Arrays.asList(watermarks).iterator();
        String[] last = {null};   // once all are read, the last one again; null: no watermark yet
        return () -> {
            if (it.hasNext()) {
                last[0] = it.next();
            }
            return Optional.ofNullable(last[0]).map(Instant::parse);
        };
    }

    @Test
    void waitsUntilTheWatermarkReachesTheTarget() throws InterruptedException {
        FakeClock clock = new FakeClock();
        SpeedCatchUp.Outcome o = SpeedCatchUp.await(reads("2026-12-04T15:20:00Z", "2026-12-04T15:59:59.999Z",
                "2026-12-04T16:00:00Z"), TARGET, Duration.ofMinutes(10), Duration.ofSeconds(1), clock);
        assertThat(o.reached()).isTrue();
        assertThat(o.watermark()).contains(TARGET);
        assertThat(o.waited()).isEqualTo(Duration.ofSeconds(2));
        assertThat(clock.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void givesUpAtTheLimitWithTheLastWatermarkRead() throws InterruptedException {
        FakeClock clock = new FakeClock();
        SpeedCatchUp.Outcome o = SpeedCatchUp.await(reads("2026-12-04T15:20:00Z", "2026-12-04T15:30:00Z"),
                TARGET, Duration.ofMillis(2500), Duration.ofSeconds(1), clock);
        assertThat(o.reached()).isFalse();
        assertThat(o.watermark()).contains(Instant.parse("2026-12-04T15:30:00Z"));
        // the last sleep is cut to the limit, never past it
        assertThat(clock.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(500));
        assertThat(o.waited()).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void aZeroLimitReadsOnceAndNeverSleeps() throws InterruptedException {
        FakeClock clock = new FakeClock();
        SpeedCatchUp.Outcome o = SpeedCatchUp.await(reads("2026-12-04T15:20:00Z"), TARGET, Duration.ZERO,
                Duration.ofSeconds(1), clock);
        assertThat(o.reached()).isFalse();
        assertThat(o.watermark()).contains(Instant.parse("2026-12-04T15:20:00Z"));
        assertThat(clock.sleeps).isEmpty();
    }

    @Test
    void aSpeedLayerThatHasNotReportedYetIsWaitedFor() throws InterruptedException {
        FakeClock clock = new FakeClock();
        SpeedCatchUp.Outcome o = SpeedCatchUp.await(reads(null, null, "2026-12-04T16:00:01Z"), TARGET,
                Duration.ofMinutes(10), Duration.ofSeconds(1), clock);
        assertThat(o.reached()).isTrue();
        assertThat(o.watermark()).contains(Instant.parse("2026-12-04T16:00:01Z"));
        assertThat(clock.sleeps).hasSize(2);
    }

    @Test
    void noSpeedLayerAtAllIsWaitedForUntilTheLimitThenBoundsNothing() throws InterruptedException {
        FakeClock clock = new FakeClock();
        SpeedCatchUp.Outcome o = SpeedCatchUp.await(Optional::empty, TARGET, Duration.ofSeconds(3),
                Duration.ofSeconds(1), clock);
        assertThat(o.reached()).isFalse();
        assertThat(o.watermark()).isEmpty();
        assertThat(o.waited()).isEqualTo(Duration.ofSeconds(3));
    }
}
