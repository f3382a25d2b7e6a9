package io.trendwatch.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a JVM's CPU went, read from a flight recording of it: the machine's and the JVM's CPU ({@code jdk.CPULoad}),
 * each Java thread's ({@code jdk.ThreadCPULoad}) gathered by its {@link Role}, and the Spark tasks' CPU split by what
 * their execution samples were running ({@link Part}). The rule: a sample belongs to the known part nearest the top of
 * its stack (a JSON parser called by the tokenizer is parsing; a hash map called by the tokenizer is tokenizing), and
 * what belongs to no known part is Spark's own work. The CPU of threads the JVM runs outside Java (the collector's) is
 * the JVM's total less its Java threads'.
 */
public final class CpuProfile {

    /** The period of the CPU events {@link #recordingOption} asks for (the {@code profile} settings' threads: 10 s). */
    public static final Duration PERIOD = Duration.ofSeconds(1);

    /** The JVM option that records a JVM from its start to its exit, the CPU events every {@link #PERIOD}. */
    public static String recordingOption(Path file) {
        return "-XX:StartFlightRecording:filename=" + file + ",settings=profile,jdk.CPULoad#period=1s,"
                + "jdk.ThreadCPULoad#period=1s";
    }

    /** What a Java thread does for the speed layer, by its name. */
    public enum Role {
        TASKS("Spark tasks"), JIT("JIT compilers"), STREAM("streaming driver threads"), OTHER("other Java threads");

        final String label;

        Role(String label) {
            this.label = label;
        }

        static Role of(String threadName) {
            String name = threadName == null ? "" : threadName;
            if (name.startsWith("Executor task launch worker")) {
                return TASKS;
            }
            if (name.startsWith("C1 CompilerThread") || name.startsWith("C2 CompilerThread")) {
                return JIT;
            }
            return name.startsWith("stream execution thread") ? STREAM : OTHER;
        }
    }

    /** What a Spark task was running, by the packages of the frames of a sample. */
    public enum Part {
        PARSE("parse", "com.fasterxml.jackson.", "io.trendwatch.core.post."),
        TOKENIZE("tokenize", "io.trendwatch.core.text."),
        MODEL("model", "io.trendwatch.model.sentiment.", "io.trendwatch.core.sentiment."),
        WRITES("writes", "com.datastax.", "io.trendwatch.speed.sink.", "io.trendwatch.store."),
        KAFKA("Kafka consumer", "org.apache.kafka.", "org.apache.spark.sql.kafka010."),
        STATE("state store", "org.rocksdb.", "org.apache.spark.sql.execution.streaming.state."),
        OPERATORS("Spark's operators");

        final String label;
        private final List<String> packages;

        Part(String label, String... packages) {
            this.label = label;
            this.packages = List.of(packages);
        }

        /** The part of a sample whose frames ({@code class.method}, top of the stack first) are given. */
        static Part of(List<String> frames) {
            for (String frame : frames) {
                for (Part p : values()) {
                    for (String prefix : p.packages) {
                        if (frame.startsWith(prefix)) {
                            return p;
                        }
                    }
                }
            }
            return OPERATORS;
        }
    }

    private final double machineSeconds;
    private final double jvmSeconds;
    private final Map<Role, Double> threadSeconds;
    private final Map<Part, Long> taskSamples;

    CpuProfile(double machineSeconds, double jvmSeconds, Map<Role, Double> threadSeconds, Map<Part, Long> taskSamples) {
        this.machineSeconds = machineSeconds;
        this.jvmSeconds = jvmSeconds;
        this.threadSeconds = new EnumMap<>(Role.class);
        this.threadSeconds.putAll(threadSeconds);
        this.taskSamples = new EnumMap<>(Part.class);
        this.taskSamples.putAll(taskSamples);
    }

    /**
     * Reads a recording. {@code cpus} is the machine's processor count (the loads are shares of all of them); {@code period}
     * the CPU events' period, which a thread's reading covers unless its thread started within it.
     */
    public static CpuProfile read(Path recording, int cpus, Duration period) throws IOException {
        List<RecordedEvent> loads = new ArrayList<>();
        Map<Long, Instant> threadStarts = new HashMap<>();
        Map<Part, Long> samples = new EnumMap<>(Part.class);
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                switch (e.getEventType().getName()) {
                    case "jdk.CPULoad", "jdk.ThreadCPULoad" -> loads.add(e);
                    case "jdk.ThreadStart" -> {
                        RecordedThread t = e.getThread("thread");
                        if (t != null) {
                            threadStarts.put(t.getId(), e.getStartTime());
                        }
                    }
                    case "jdk.ExecutionSample" -> {
                        RecordedThread t = e.getThread("sampledThread");
                        RecordedStackTrace stack = e.getStackTrace();
                        if (t != null && stack != null && Role.of(t.getJavaName()) == Role.TASKS) {
                            samples.merge(Part.of(frames(stack)), 1L, Long::sum);
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        // a load is a share of all processors over one period: the JVM's every period; a thread's over the last period
        // (or since its start), carrying the CPU of the periods it was left out of (JFR skips a thread under 1 ms)
        loads.sort(Comparator.comparing(RecordedEvent::getStartTime));
        double machine = 0;
        double jvm = 0;
        Instant lastLoad = null;
        Set<Long> seenThreads = new HashSet<>();
        Map<Role, Double> threads = new EnumMap<>(Role.class);
        for (RecordedEvent e : loads) {
            Instant now = e.getStartTime();
            if (e.getEventType().getName().equals("jdk.CPULoad")) {
                double seconds = since(lastLoad, now, period) * cpus;
                lastLoad = now;
                machine += e.getFloat("machineTotal") * seconds;
                jvm += (e.getFloat("jvmUser") + e.getFloat("jvmSystem")) * seconds;
            } else {
                RecordedThread t = e.getThread();
                if (t == null) {
                    continue;
                }
                boolean first = seenThreads.add(t.getId());
                Instant started = threadStarts.get(t.getId());
                Duration over = first && started != null && Duration.between(started, now).compareTo(period) < 0
                        ? Duration.between(started, now) : period;
                double seconds = over.toNanos() / 1e9 * cpus;
                threads.merge(Role.of(t.getJavaName()), (e.getFloat("user") + e.getFloat("system")) * seconds, Double::sum);
            }
        }
        return new CpuProfile(machine, jvm, threads, samples);
    }

    private static double since(Instant previous, Instant now, Duration period) {
        return (previous == null ? period : Duration.between(previous, now)).toNanos() / 1e9;
    }

    private static List<String> frames(RecordedStackTrace stack) {
        List<String> frames = new ArrayList<>(stack.getFrames().size());
        for (RecordedFrame f : stack.getFrames()) {
            frames.add(f.getMethod().getType().getName() + "." + f.getMethod().getName());
        }
        return frames;
    }

    public double machineSeconds() {
        return machineSeconds;
    }

    public double jvmSeconds() {
        return jvmSeconds;
    }

    public double seconds(Role role) {
        return threadSeconds.getOrDefault(role, 0.0);
    }

    /** The Spark tasks' CPU seconds spent in a part: their CPU shared out by their samples. */
    public double seconds(Part part) {
        long all = taskSamples.values().stream().mapToLong(Long::longValue).sum();
        return all == 0 ? 0 : seconds(Role.TASKS) * taskSamples.getOrDefault(part, 0L) / all;
    }

    /** The JVM's CPU outside its Java threads: the collector and other native threads. */
    public double nativeSeconds() {
        double java = threadSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
        return Math.max(0, jvmSeconds - java);
    }

    /** Two lines of microseconds of CPU per post: the machine against the recorded JVM, and the JVM's split. */
    public String perPost(long posts, String jvmName) {
        double us = 1e6 / posts;
        String parts = List.of(Part.values()).stream()
                .map(p -> String.format(Locale.ROOT, "%s %.1f", p.label, seconds(p) * us))
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "CPU per post (µs, flight recording): machine %.1f = %s %.1f + the rest of the"
                        + " machine %.1f%n%s: %s %.1f (%s), %s %.1f, %s %.1f, %s %.1f, the collector and other native"
                        + " threads %.1f",
                machineSeconds * us, jvmName, jvmSeconds * us, (machineSeconds - jvmSeconds) * us,
                jvmName, Role.TASKS.label, seconds(Role.TASKS) * us, parts, Role.JIT.label, seconds(Role.JIT) * us,
                Role.STREAM.label, seconds(Role.STREAM) * us, Role.OTHER.label, seconds(Role.OTHER) * us,
                nativeSeconds() * us);
    }
}
