package io.trendwatch.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StackCpuTest {

    @Test
    void theMachinesBusyTimeLeavesOutIdleAndIowait(@TempDir Path dir) throws Exception {
        Path stat = dir.resolve("stat");
        // user nice system idle iowait irq softirq steal guest guest_nice
        Files.writeString(stat, "cpu  1000 50 300 9000 700 20 30 0 400 0\ncpu0 500 25 150 4500 350 10 15 0 200 0\n");
        assertThat(StackCpu.machineBusy(stat)).contains(Duration.ofMillis((1000 + 50 + 300 + 20 + 30) * 10));
        assertThat(StackCpu.machineBusy(dir.resolve("absent"))).isEmpty();
    }

    @Test
    void perPostSharesAddUpToTheMachineWithTheRestByDifference() {
        var from = new StackCpu.Reading(0, Map.of("a", Duration.ofSeconds(1), "b", Duration.ZERO), Optional.of(Duration.ofSeconds(10)));
        var to = new StackCpu.Reading(TimeUnit.SECONDS.toNanos(2), Map.of("a", Duration.ofSeconds(2), "b", Duration.ofMillis(500)),
                Optional.of(Duration.ofSeconds(12)));
        // 1,000 posts: machine 2 s = 2,000 µs per post; a 1 s, b 0.5 s, the rest 0.5 s
        String line = StackCpu.between(from, to, 1000);
        assertThat(line).contains("machine 2000.0 µs (1.00 cores)", "a 1000.0 µs (0.50 cores)", "b 500.0 µs (0.25 cores)",
                StackCpu.REST + " 500.0 µs (0.25 cores)");
    }

    /**
     * A thread of this JVM spends a known CPU time (its own clock, ThreadMXBean) while the reading of this JVM is taken
     * before and after; the JVM's own process clock (OperatingSystemMXBean), read beside each, is the reference: the
     * reading must agree with it (the operating system counts in ticks of 10 ms) and cover the thread's time. The JVM's
     * other threads (its compilers, its collector) may add to both.
     */
    @Test
    void aReadingOfThisJvmAgreesWithItsOwnProcessClock() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        StackCpu cpu = new StackCpu(Map.of("this", new StackCpu.Watched(ProcessHandle.current(), false)), Path.of("/proc/stat"));
        long[] spent = new long[1];
        StackCpu.Reading before = cpu.read();
        long clockBefore = os.getProcessCpuTime();
        Thread worker = new Thread(() -> {
            long t0 = threads.getCurrentThreadCpuTime();
            long x = 17;
            while (threads.getCurrentThreadCpuTime() - t0 < TimeUnit.MILLISECONDS.toNanos(600)) {
                for (int i = 0; i < 100_000; i++) {
                    x = x * 6364136223846793005L + 1442695040888963407L;
                }
            }
            spent[0] = threads.getCurrentThreadCpuTime() - t0 + (x == 0 ? 1 : 0);
        });
        worker.start();
        worker.join();
        StackCpu.Reading after = cpu.read();
        long clock = os.getProcessCpuTime() - clockBefore;
        long process = after.byProcess().get("this").minus(before.byProcess().get("this")).toNanos();
        assertThat((double) process).isCloseTo(clock, within(TimeUnit.MILLISECONDS.toNanos(40) + clock * 0.05));
        assertThat(process).isGreaterThanOrEqualTo(spent[0] - TimeUnit.MILLISECONDS.toNanos(20));
        if (before.machine().isPresent()) {
            long machine = after.machine().get().minus(before.machine().get()).toNanos();
            assertThat(machine).isGreaterThanOrEqualTo(process - TimeUnit.MILLISECONDS.toNanos(40));
        }
    }
}
