package io.trendwatch.core;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

class CommandFailuresTest {

    static final class DependencyDown extends ReportedFailure {
        DependencyDown() {
            super("Kafka is not reachable at 127.0.0.1:1. Start it with 'bin/trendwatch infra up'", null, ExitCodes.UNAVAILABLE);
        }
    }

    @Command(name = "trendwatch test")
    static final class Root {
    }

    @Command(name = "fail")
    static final class Fail implements Callable<Integer> {
        @Parameters(index = "0")
        String how;

        @Override
        public Integer call() throws Exception {
            switch (how) {
                case "down" -> throw new DependencyDown();
                case "bad" -> throw new IllegalArgumentException("--rate must be positive");
                case "io" -> throw new java.io.FileNotFoundException("no such file: posts.jsonl");
                case "bug" -> throw new IllegalStateException("a fault");
                default -> {
                    return 0;
                }
            }
        }
    }

    private record Run(int status, String err) {
    }

    private static Run run(String how) {
        StringWriter err = new StringWriter();
        CommandLine line = CommandFailures.handled(new CommandLine(new Root()).addSubcommand(new Fail()));
        line.setErr(new PrintWriter(err, true));
        return new Run(line.execute("fail", how), err.toString());
    }

    @Test
    void aReportedFailureIsOneLineWithItsStatus() {
        Run r = run("down");
        assertThat(r.status()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(r.err()).isEqualTo("trendwatch test fail: Kafka is not reachable at 127.0.0.1:1. "
                + "Start it with 'bin/trendwatch infra up'" + System.lineSeparator());
    }

    @Test
    void badInputIsStatusTwo() {
        assertThat(run("bad")).isEqualTo(new Run(ExitCodes.BAD_INPUT, "trendwatch test fail: --rate must be positive"
                + System.lineSeparator()));
        assertThat(run("io").status()).isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void aFaultKeepsItsStackTraceAndStatusOne() {
        Run r = run("bug");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("IllegalStateException: a fault", "\tat ");
        assertThat(run("fine").status()).isZero();
    }
}
