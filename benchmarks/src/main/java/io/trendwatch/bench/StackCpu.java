package io.trendwatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time of the local stack's processes over a window, to say what a post costs each of them: named processes
 * (with their descendants, as a launcher script's JVM is one) read from the operating system, and the machine's busy
 * time from {@code /proc/stat}, whose remainder is everything else on the machine. A reading is a snapshot;
 * {@link #between} turns two into CPU per post.
 */
final class StackCpu {

    /** The kernel's clock ticks per second in {@code /proc/stat} (USER_HZ): 100 on Linux for every architecture in use. */
    static final long TICKS_PER_SECOND = 100;
    static final String REST = "rest of the machine";
    static final String CASSANDRA = "Cassandra";

    /** A process to read: with its descendants (a launcher script's JVM, Spark's children) or alone (this JVM). */
    record Watched(ProcessHandle handle, boolean descendants) {
    }

    private final Map<String, Watched> processes;
    private final Path procStat;

    StackCpu(Map<String, Watched> processes, Path procStat) {
        this.processes = new LinkedHashMap<>(processes);
        this.procStat = procStat;
    }

    /** The local stack's Cassandra node and Kafka broker, by the pid files `bin/trendwatch infra up` keeps under {@code home}. */
    static Map<String, Watched> localStack(Path home) {
        Map<String, Watched> out = new LinkedHashMap<>();
        pidFile(home.resolve("cassandra").resolve("cassandra.pid")).ifPresent(p -> out.put(CASSANDRA, new Watched(p, true)));
        pidFile(home.resolve("kafka").resolve("kafka.pid")).ifPresent(p -> out.put("Kafka", new Watched(p, true)));
        return out;
    }

    private static Optional<ProcessHandle> pidFile(Path file) {
        try {
            return ProcessHandle.of(Long.parseLong(Files.readString(file).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** CPU so far of each named process and its descendants, and of the whole machine (busy, not idle or waiting). */
    record Reading(long atNanos, Map<String, Duration> byProcess, Optional<Duration> machine) {
    }

    Reading read() {
        Map<String, Duration> by = new LinkedHashMap<>();
        processes.forEach((name, w) -> by.put(name, Stream.concat(Stream.of(w.handle()),
                        w.descendants() ? w.handle().descendants() : Stream.empty())
                .map(h -> h.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus)));
        return new Reading(System.nanoTime(), by, machineBusy(procStat));
    }

    /** Busy CPU of the machine from the first line of {@code /proc/stat}: all ticks but idle and iowait. */
    static Optional<Duration> machineBusy(Path procStat) {
        try (Stream<String> lines = Files.lines(procStat)) {
            Optional<String> cpu = lines.filter(l -> l.startsWith("cpu ")).findFirst();
            if (cpu.isEmpty()) {
                return Optional.empty();
            }
            String[] f = cpu.get().trim().split("\\s+");
            long busy = 0;
            // user nice system idle iowait irq softirq steal (guest time is already in user)
            for (int i = 1; i <= Math.min(8, f.length - 1); i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return Optional.of(Duration.ofMillis(busy * 1000 / TICKS_PER_SECOND));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * CPU per post between two readings, by process, and the rest of the machine (busy time not in a named process),
     * as one line: {@code machine X µs = name a + … + rest r}, with each one's cores over the window.
     */
    static String between(Reading from, Reading to, long posts) {
        double seconds = (to.atNanos() - from.atNanos()) / 1e9;
        Map<String, Double> micros = new LinkedHashMap<>();
        double named = 0;
        for (String name : to.byProcess().keySet()) {
            double us = to.byProcess().get(name).minus(from.byProcess().getOrDefault(name, Duration.ZERO)).toNanos() / 1e3 / posts;
            micros.put(name, us);
            named += us;
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "CPU per post over %.0f s and %,d posts:", seconds, posts));
        if (from.machine().isPresent() && to.machine().isPresent()) {
            double machine = to.machine().get().minus(from.machine().get()).toNanos() / 1e3 / posts;
            line.append(String.format(Locale.ROOT, " machine %.1f µs (%.2f cores) =", machine, machine * posts / 1e6 / seconds));
            micros.put(REST, machine - named);
        }
        String sep = " ";
        for (var e : micros.entrySet()) {
            line.append(sep).append(String.format(Locale.ROOT, "%s %.1f µs (%.2f cores)", e.getKey(), e.getValue(),
                    e.getValue() * posts / 1e6 / seconds));
            sep = " + ";
        }
        return line.toString();
    }
}
