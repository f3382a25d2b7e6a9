package io.trendwatch.serving;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A layer's jar run as `bin/trendwatch` runs it: its own JVM, the Spark JVM options, its output in a log. */
final class LayerProcess implements AutoCloseable {

    private static final Path ROOT = Path.of(System.getProperty("trendwatch.root", "..")).toAbsolutePath().normalize();

    record Result(int exitCode, String output) {
    }

    private final Process process;
    private final Path log;

    private LayerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static LayerProcess start(Path log, String jar, String... args) throws IOException {
        return start(log, java.util.Map.of(), jar, args);
    }

    /** With {@code env} added to this JVM's environment (e.g. the credentials of a secured stack). */
    static LayerProcess start(Path log, java.util.Map<String, String> env, String jar, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + ROOT.resolve("bin/lib/spark-jvm.options"), "-Xmx1g", "-jar", ROOT.resolve(jar).toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().putAll(env);
        return new LayerProcess(pb.start(), log);
    }

    /** Runs to the end (at most 10 minutes). */
    static Result run(Path log, String jar, String... args) throws IOException, InterruptedException {
        try (LayerProcess p = start(log, jar, args)) {
            if (!p.process.waitFor(10, TimeUnit.MINUTES)) {
                throw new AssertionError("still running after 10 minutes:\n" + p.tail());
            }
            return new Result(p.process.exitValue(), Files.readString(log));
        }
    }

    /** SIGKILL: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String tail() throws IOException {
        String all = Files.readString(log);
        return all.length() > 6000 ? all.substring(all.length() - 6000) : all;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
