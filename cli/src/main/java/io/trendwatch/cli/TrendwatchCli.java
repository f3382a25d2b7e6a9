package io.trendwatch.cli;

import io.trendwatch.core.CommandFailures;
import io.trendwatch.cli.doctor.DoctorCommand;
import io.trendwatch.store.cli.MigrateCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The Java side of the {@code trendwatch} command (bin/trendwatch handles {@code infra} and {@code demo}). */
@Command(name = "trendwatch", mixinStandardHelpOptions = true, version = "trendwatch 0.1.0",
        description = "Real-time social media trend analysis: tools.",
        subcommands = {MigrateCommand.class, IngestCommand.class, GenerateCommand.class, DoctorCommand.class,
                CompletionCommand.class})
public final class TrendwatchCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Bad arguments print the usage and exit 2; errors print one line, not a stack trace. */
    public static CommandLine commandLine() {
        return CommandFailures.handled(new CommandLine(new TrendwatchCli()));
    }
}
