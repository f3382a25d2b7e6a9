package io.trendwatch.core;

import picocli.CommandLine;

/**
 * How every command line turns a failure into its exit status: a {@link ReportedFailure} prints its line and exits
 * with its code; an {@link IllegalArgumentException} or {@link java.io.IOException} (bad input: a value out of
 * range, a file that cannot be read) prints its message and exits {@link ExitCodes#BAD_INPUT}; anything else is a
 * fault and keeps picocli's stack trace and status 1. Each line starts with the command's full name. With
 * {@code TRENDWATCH_DEBUG} set the stack trace is printed as well.
 */
public final class CommandFailures implements CommandLine.IExecutionExceptionHandler {

    private CommandFailures() {
    }

    /** {@code commandLine}, with this handler for it and its subcommands. */
    public static CommandLine handled(CommandLine commandLine) {
        return commandLine.setExecutionExceptionHandler(new CommandFailures());
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine line, CommandLine.ParseResult parsed) throws Exception {
        int status;
        String report;
        if (ex instanceof ReportedFailure f) {
            status = f.exitCode();
            report = f.report();
        } else if (ex instanceof IllegalArgumentException || ex instanceof java.io.IOException) {
            status = ExitCodes.BAD_INPUT;
            report = ex.getMessage();
        } else {
            throw ex;
        }
        if (System.getenv("TRENDWATCH_DEBUG") != null) {
            ex.printStackTrace(line.getErr());
        }
        line.getErr().println(line.getCommandSpec().qualifiedName() + ": " + report);
        line.getErr().flush();
        return status;
    }
}
