package io.trendwatch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `bin/trendwatch infra` as a person runs it, while bin/test's services are up
 * (their ports and TRENDWATCH_HOME come from the environment bin/test set).
 */
class InfraScriptIT {

    private static final Path ROOT = Path.of(System.getProperty("trendwatch.root", "..")).toAbsolutePath().normalize();

    record Result(int exit, String out, String err) {
    }

    private static Result infra(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(ROOT.resolve("bin/trendwatch").toString(), "infra"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void statusShowsWhereTheRunningServicesListenAndUpIsIdempotent() throws Exception {
        String kafkaPort = System.getenv("TW_KAFKA_PORT");
        String cassandraPort = System.getenv("TW_CASSANDRA_PORT");
        assertThat(kafkaPort).as("bin/test sets TW_KAFKA_PORT").isNotNull();

        Result status = infra(Map.of(), "status");
        assertThat(status.exit()).isZero();
        assertThat(status.out()).contains("kafka: running", "127.0.0.1:" + kafkaPort, "cassandra: running",
                "127.0.0.1:" + cassandraPort, "log: ");

        Result again = infra(Map.of(), "up");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("kafka: already running", "cassandra: already running");
        assertThat(infra(Map.of(), "status").out()).isEqualTo(status.out());   // same pids: nothing new started
    }

    @Test
    void aTakenPortIsNamed(@TempDir Path home) throws Exception {
        String taken = System.getenv("TW_CASSANDRA_PORT");
        Map<String, String> env = new HashMap<>(Map.of("TRENDWATCH_HOME", home.toString(), "TW_KAFKA_PORT", taken));
        Result r = infra(env, "up");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("port " + taken + " (Kafka) is already in use", "TW_KAFKA_PORT");
        assertThat(Files.exists(home.resolve("kafka/kafka.pid"))).isFalse();
    }

    @Test
    void aJavaOtherThan17IsRefusedPlainly(@TempDir Path home) throws Exception {
        Path notJava17 = Files.writeString(home.resolve("java"), "#!/bin/sh\necho 'openjdk version \"25.0.1\"' >&2\n");
        notJava17.toFile().setExecutable(true);
        Result r = infra(Map.of("TRENDWATCH_HOME", home.toString(), "TRENDWATCH_JAVA17", notJava17.toString()), "up");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("Java 17 is needed", "is not Java 17", "openjdk-17");
    }

    @Test
    void resetAsksForConfirmation(@TempDir Path home) throws Exception {
        Result r = infra(Map.of("TRENDWATCH_HOME", home.toString()), "reset");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("--yes");
    }
}
