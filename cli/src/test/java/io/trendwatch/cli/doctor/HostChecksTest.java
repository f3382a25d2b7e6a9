package io.trendwatch.cli.doctor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HostChecksTest {

    private static String meminfo(long totalKb, long availableKb) {
        return "MemTotal:       " + totalKb + " kB\nMemFree:          123456 kB\nMemAvailable:   " + availableKb + " kB\n";
    }

    @Test
    void memoryIsAProblemBelowTheStacksNeedsAndSaysWhatToDo() {
        assertThat(HostChecks.memory(meminfo(24_000_000, 20_000_000)).isProblem()).isFalse();
        Finding small = HostChecks.memory(meminfo(4_000_000, 3_000_000));
        assertThat(small.isProblem()).isTrue();
        assertThat(small.fix()).contains("8.0 GiB");
        Finding busy = HostChecks.memory(meminfo(24_000_000, 1_000_000));
        assertThat(busy.isProblem()).isTrue();
        assertThat(busy.detail()).isEqualTo("1.0 GiB available of 22.9 GiB");
        assertThat(HostChecks.memory("nothing here").verdict()).isEqualTo(Finding.Verdict.SKIPPED);
    }

    @Test
    void javaBefore17AndTooLittleDiskAreProblems() {
        assertThat(HostChecks.java(Runtime.Version.parse("17.0.15+6"), "/jdk").isProblem()).isFalse();
        assertThat(HostChecks.java(Runtime.Version.parse("11.0.2"), "/jdk").fix()).contains("Java 17");
        assertThat(HostChecks.disk(Path.of("/x"), 6L << 30).isProblem()).isFalse();
        assertThat(HostChecks.disk(Path.of("/x"), 4L << 30).isProblem()).isTrue();
    }

    @Test
    void mavenIsLookedUpOnThePath(@TempDir Path dir) throws Exception {
        assertThat(HostChecks.maven(dir.toString()).isProblem()).isTrue();
        Path mvn = Files.createFile(dir.resolve("mvn"));
        assertThat(mvn.toFile().setExecutable(true)).isTrue();
        assertThat(HostChecks.maven("/nonexistent:" + dir).detail()).isEqualTo(mvn.toString());
    }

    @Test
    void theReportCountsProblemsAndExitsOneWhenThereIsAny() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = DoctorCommand.print(List.of(Finding.ok("java", "17"), Finding.problem("cassandra", "down", "start it"),
                Finding.skipped("schema", "needs Cassandra")), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(1);
        assertThat(out.lines()).containsExactly(
                "ok       java       17",
                "PROBLEM  cassandra  down",
                "                    -> start it",
                "skipped  schema     needs Cassandra",
                "1 problem found");
        assertThat(DoctorCommand.print(List.of(Finding.ok("java", "17")), new PrintStream(new ByteArrayOutputStream()))).isZero();
    }
}
