package io.trendwatch.speed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The speed layer run as `trendwatch speed start` runs it: its own JVM, from the built jar. */
final class SpeedProcess implements AutoCloseable {

    private static final Path ROOT = Path.of(System.getProperty("trendwatch.root", "..")).toAbsolutePath().normalize();

    private final Process process;
    private final Path log;

    private SpeedProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static SpeedProcess start(Path log, String... args) throws IOException {
        return start(log, Map.of(), args);
    }

    /** With {@code env} added to the test's environment (another Cassandra address, say). */
    static SpeedProcess start(Path log, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + ROOT.resolve("bin/lib/spark-jvm.options"), "-Xmx1g",
                "-jar", ROOT.resolve("speed-layer/target/trendwatch-speed-layer.jar").toString(), "start"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().putAll(env);
        return new SpeedProcess(pb.start(), log);
    }

    void kill() throws InterruptedException {
        process.destroyForcibly();   // SIGKILL: no shutdown hook runs
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as a service manager stops it; returns the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    /** Waits for the process to end by itself; false if it is still running after {@code limit}. */
    boolean waitFor(java.time.Duration limit) throws InterruptedException {
        return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    int exitValue() {
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
