package io.trendwatch.bench;

import io.trendwatch.core.text.Tokenizer;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CpuProfileTest {

    private static final String TEXT = "Can't wait for the #AntMan premiere tonight with @marvel!!! best. movie. ever :) http://t.co/x1";
    private static final long CPU_NANOS = TimeUnit.MILLISECONDS.toNanos(800);

    @Test
    void aSampleBelongsToTheKnownPartNearestTheTopOfItsStack() {
        assertThat(CpuProfile.Part.of(List.of("com.fasterxml.jackson.core.json.ReaderBasedJsonParser.nextToken",
                "io.trendwatch.core.post.PostCodec.parse", "io.trendwatch.speed.pipeline.RejectedRecords$1.hasNext")))
                .isEqualTo(CpuProfile.Part.PARSE);
        assertThat(CpuProfile.Part.of(List.of("java.util.HashMap.put", "io.trendwatch.core.text.Tokenizer.tokenize",
                "io.trendwatch.core.post.Post.text"))).isEqualTo(CpuProfile.Part.TOKENIZE);
        assertThat(CpuProfile.Part.of(List.of("io.trendwatch.model.sentiment.FoldedLabeller.scores",
                "io.trendwatch.speed.pipeline.LabelledPosts$1.hasNext"))).isEqualTo(CpuProfile.Part.MODEL);
        assertThat(CpuProfile.Part.of(List.of("org.rocksdb.RocksDB.get",
                "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider$RocksDBStateStore.get")))
                .isEqualTo(CpuProfile.Part.STATE);
        assertThat(CpuProfile.Part.of(List.of("org.apache.spark.unsafe.types.UTF8String.getBytes",
                "org.apache.spark.sql.catalyst.expressions.GeneratedClass$GeneratedIteratorForCodegenStage5.processNext")))
                .isEqualTo(CpuProfile.Part.OPERATORS);
        assertThat(CpuProfile.Role.of("Executor task launch worker for task 1.0 in stage 3.0 (TID 7)"))
                .isEqualTo(CpuProfile.Role.TASKS);
        assertThat(CpuProfile.Role.of("C2 CompilerThread0")).isEqualTo(CpuProfile.Role.JIT);
        assertThat(CpuProfile.Role.of("stream execution thread for views [id = 1]")).isEqualTo(CpuProfile.Role.STREAM);
        assertThat(CpuProfile.Role.of("main")).isEqualTo(CpuProfile.Role.OTHER);
    }

    /**
     * Two task threads spend a known CPU time under a real recording: one tokenizes without a pause, the other counts in
     * bursts with pauses of several periods between them, as a task thread between micro-batches does (JFR leaves a
     * thread out of a period in which it used under 1 ms, and reports what it used since then in its next reading).
     */
    @Test
    void splitsARecordedJvmsCpuByThreadAndPart(@TempDir Path dir) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] spent = new long[2];
        CountDownLatch busy = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        Path file = dir.resolve("test.jfr");
        Duration period = Duration.ofMillis(100);
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10)).withStackTrace();
            recording.enable("jdk.ThreadCPULoad").withPeriod(period);
            recording.enable("jdk.CPULoad").withPeriod(period);
            recording.enable("jdk.ThreadStart");
            recording.start();
            Thread tokenizing = worker("Executor task launch worker for task 0.0 in stage 1.0 (TID 1)", () -> {
                long terms = 0;
                for (int i = 0; i < 100; i++) {
                    terms += Tokenizer.tokenize(TEXT).size();
                }
                return terms;
            }, 0, spent, threads, busy, release, Duration.ZERO);
            Thread counting = worker("Executor task launch worker for task 1.0 in stage 1.0 (TID 2)", () -> {
                long x = 17;
                for (int i = 0; i < 200_000; i++) {
                    x = x * 6364136223846793005L + 1442695040888963407L;
                }
                return x;
            }, 1, spent, threads, busy, release, Duration.ofMillis(350));
            assertThat(busy.await(60, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(5 * period.toMillis());   // the threads' last CPU readings fall after their work
            recording.stop();
            recording.dump(file);
            release.countDown();
            tokenizing.join();
            counting.join();
        }

        CpuProfile profile = CpuProfile.read(file, Runtime.getRuntime().availableProcessors(), period);

        double tasks = (spent[0] + spent[1]) / 1e9;
        assertThat(profile.seconds(CpuProfile.Role.TASKS)).isCloseTo(tasks, within(tasks * 0.25));
        double tokenize = profile.seconds(CpuProfile.Part.TOKENIZE) / profile.seconds(CpuProfile.Role.TASKS);
        double operators = profile.seconds(CpuProfile.Part.OPERATORS) / profile.seconds(CpuProfile.Role.TASKS);
        assertThat(tokenize).isBetween(0.3, 0.7);
        assertThat(operators).isBetween(0.3, 0.7);
        assertThat(tokenize + operators).isCloseTo(1.0, within(1e-9));
        assertThat(profile.jvmSeconds()).isGreaterThan(tasks * 0.75);
        assertThat(profile.machineSeconds()).isGreaterThanOrEqualTo(profile.jvmSeconds() * 0.95);
        assertThat(profile.perPost(1_000, "test")).contains("Spark tasks", "tokenize", "JIT compilers");
    }

    /** A thread that runs {@code work} until it has used {@link #CPU_NANOS}, resting {@code pause} after every 60 ms. */
    private static Thread worker(String name, java.util.function.LongSupplier work, int slot, long[] spent,
                                 ThreadMXBean threads, CountDownLatch busy, CountDownLatch release, Duration pause) {
        Thread t = new Thread(() -> {
            long sink = 0;
            long burst = threads.getCurrentThreadCpuTime();
            while (threads.getCurrentThreadCpuTime() < CPU_NANOS) {
                sink += work.getAsLong();
                if (!pause.isZero() && threads.getCurrentThreadCpuTime() - burst > TimeUnit.MILLISECONDS.toNanos(60)) {
                    try {
                        Thread.sleep(pause.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    burst = threads.getCurrentThreadCpuTime();
                }
            }
            spent[slot] = threads.getCurrentThreadCpuTime();
            busy.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (sink == 42) {
                System.out.println();   // keeps the work from being optimised away
            }
        }, name);
        t.start();
        return t;
    }
}
