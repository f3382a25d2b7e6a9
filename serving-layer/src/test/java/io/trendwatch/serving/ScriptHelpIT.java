package io.trendwatch.serving;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command of {@code bin/trendwatch} answers {@code --help} (and {@code -h}) with its usage and
 * does nothing else: no build, no state folder, no token, no service started (run where every jar is built).
 */
class ScriptHelpIT {

    private static final Path ROOT = TestApps.ROOT;

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "demo --help", "demo -h", "serve --help", "publish --help", "infra --help",
            "infra up --help", "infra down -h", "infra status --help", "infra reset --help",
            "airflow --help", "airflow up --help", "airflow down -h", "airflow status --help",
            "speed --help", "speed start --help", "speed migrate --help",
            "batch --help", "batch archive --help", "batch import --help", "batch run --help", "batch run -h",
            "batch backfill --help", "batch topics --help", "batch train-trend --help", "batch status --help",
            "batch migrate --help", "reconcile --help",
            "model -h", "model train-sentiment --help", "model predict --help", "model list --help", "model promote --help",
            "model evaluate-shares --help",
            "migrate --help", "ingest --help", "generate --help", "doctor --help", "doctor -h", "completion --help", "report --help"})
    void answersHelpWithoutSideEffects(String args, @TempDir Path home) throws Exception {
        FileTime cliJar = Files.getLastModifiedTime(ROOT.resolve("cli/target/trendwatch-cli.jar"));
        Path state = home.resolve("state");
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("bin/trendwatch").toString()));
        cmd.addAll(List.of(args.split(" ")));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().put("TRENDWATCH_HOME", state.toString());
        pb.environment().remove("TRENDWATCH_ADMIN_TOKEN");   // serve would make one in TRENDWATCH_HOME
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out.lines().findFirst().orElse("")).as(out).containsIgnoringCase("usage");
        assertThat(out).as("the help is printed as written").doesNotContain("picocli WARN");
        assertThat(Files.exists(state)).as("%s created %s", args, state).isFalse();
        assertThat(Files.getLastModifiedTime(ROOT.resolve("cli/target/trendwatch-cli.jar"))).as("no build").isEqualTo(cliJar);
        try (Stream<String> lines = out.lines()) {
            assertThat(lines.noneMatch(l -> l.contains("==>"))).as("no step of a command ran:\n%s", out).isTrue();
        }
    }

    /** The completion script, sourced in bash, offers every command of the top-level help and each layer's own. */
    @Test
    void theCompletionScriptCompletesEveryCommand(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("trendwatch.bash");
        Process gen = new ProcessBuilder(ROOT.resolve("bin/trendwatch").toString(), "completion", "bash")
                .directory(ROOT.toFile()).redirectOutput(script.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(gen.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(gen.exitValue()).isZero();
        Path probe = dir.resolve("probe.sh");
        Files.writeString(probe, "source " + script + "\n"
                + "words() { COMP_WORDS=(\"$@\"); COMP_CWORD=$((${#COMP_WORDS[@]}-1)); COMPREPLY=(); "
                + "_complete_trendwatch trendwatch \"${COMP_WORDS[-1]}\" \"${COMP_WORDS[-2]}\" 2>/dev/null; echo \"${COMPREPLY[*]}\"; }\n"
                + "words trendwatch ''\nwords trendwatch batch ''\nwords trendwatch model ''\nwords trendwatch infra up ''\n"
                + "words trendwatch speed start --check\n");
        Process p = new ProcessBuilder("bash", probe.toString()).redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(lines).hasSize(5);
        assertThat(List.of(lines.get(0).split(" "))).containsExactlyInAnyOrder("infra", "airflow", "demo", "speed", "batch", "model",
                "report", "reconcile", "sql", "publish", "serve", "migrate", "ingest", "generate", "doctor", "completion");
        assertThat(List.of(lines.get(1).split(" "))).contains("archive", "import", "run", "backfill", "topics",
                "train-trend", "status", "reconcile", "sql");
        assertThat(List.of(lines.get(2).split(" "))).contains("train-sentiment", "predict", "list", "register", "promote", "evaluate-shares");
        assertThat(lines.get(3)).isEqualTo("kafka cassandra");
        assertThat(lines.get(4)).isEqualTo("--checkpoint-dir");
    }
}
