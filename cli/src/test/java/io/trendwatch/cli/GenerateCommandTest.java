package io.trendwatch.cli;

import io.trendwatch.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class GenerateCommandTest {

    private static CliRun generate(Path out, String seed) {
        return CliRun.of("generate", "--rate", "40", "--duration", "2m", "--seed", seed,
                "--start", "2016-11-25T12:00:00Z", "--output", out.toString(),
                "--corpus", SharedData.subtaskA().toString());
    }

    @Test
    void sameSeedAndStartGiveByteIdenticalFiles(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.jsonl");
        Path b = dir.resolve("b.jsonl");
        Path c = dir.resolve("c.jsonl");
        assertThat(generate(a, "7").exitCode()).isZero();
        assertThat(generate(b, "7").exitCode()).isZero();
        assertThat(generate(c, "8").exitCode()).isZero();
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b)).isNotEqualTo(Files.readAllBytes(c));
        assertThat(Files.readString(dir.resolve("a.jsonl.truth.jsonl")))
                .isEqualTo(Files.readString(dir.resolve("b.jsonl.truth.jsonl")))
                .contains("\"term\":\"#", "\"factor\":10.0");
        long lines = Files.readAllLines(a).size();
        assertThat(lines).isBetween(4_400L, 5_200L);   // 40/s × 120 s; at 12:00 UTC the daily cycle is at its mean
    }

    @Test
    void badArgumentsAreRefusedWithAMessage(@TempDir Path dir) {
        CliRun run = CliRun.of("generate", "--rate", "10", "--duration", "ten minutes", "--output", dir.resolve("x").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("ten minutes");
        CliRun badStart = CliRun.of("generate", "--rate", "10", "--duration", "1m", "--start", "yesterday",
                "--output", dir.resolve("x").toString());
        assertThat(badStart.exitCode()).isEqualTo(2);
        assertThat(badStart.err()).contains("ISO-8601");
    }
}
