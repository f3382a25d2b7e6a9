package io.trendwatch.serving;

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
            "speed --help", "speed start --help", "speed migrate --help",
            "batch --help", "batch archive --help", "batch import --help", "batch run --help", "batch run -h",
            "batch backfill --help", "batch topics --help", "batch train-trend --help", "batch status --help",
            "batch migrate --help", "reconcile --help",
            "model -h", "model train-sentiment --help", "model predict --help", "model list --help", "model promote --help",
            "model evaluate-shares --help",
            "migrate --help", "ingest --help", "generate --help", "doctor --help", "doctor -h", "report --help"})
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
}
