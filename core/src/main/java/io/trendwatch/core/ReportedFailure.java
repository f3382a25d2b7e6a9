package io.trendwatch.core;

/**
 * A failure an operator acts on from one line, so a command reports it without a stack trace and exits with its
 * status from {@link ExitCodes} (a dependency down, a refusal, too little data). Every command line installs
 * {@link CommandFailures}, which does the reporting.
 */
public interface ReportedFailure {

    int exitCode();

    /** The line printed; the message unless the failure says more. */
    default String report() {
        return ((Throwable) this).getMessage();
    }
}
