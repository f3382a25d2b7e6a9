package io.trendwatch.core;

/**
 * A failure an operator acts on from one line, so a command reports it without a stack trace and exits with its
 * status from {@link ExitCodes} (a dependency down, a refusal, too little data). Every command line installs
 * {@link CommandFailures}, which does the reporting.
 */
public abstract class ReportedFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    protected ReportedFailure(String message, Throwable cause, int exitCode) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public final int exitCode() {
        return exitCode;
    }

    /** The line printed; the message unless the failure says more. */
    public String report() {
        return getMessage();
    }
}
