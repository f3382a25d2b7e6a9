package io.trendwatch.core;

/**
 * A failure an operator acts on from one line, so a command reports it without a stack trace and exits with its
 * status from {@link ExitCodes} (a dependency down, a refusal, too little data). Every command line installs
 * {@link CommandFailures}, which does the reporting.
 */
public abstract class ReportedFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final String subject;

    protected ReportedFailure(String message, Throwable cause, int exitCode) {
        this(null, message, cause, exitCode);
    }

    /** {@code subject}: what failed, printed before the message ({@code "archive"}: "archive: ..."). */
    protected ReportedFailure(String subject, String message, Throwable cause, int exitCode) {
        super(message, cause);
        this.exitCode = exitCode;
        this.subject = subject;
    }

    public final int exitCode() {
        return exitCode;
    }

    /** The line printed: the message, after what failed when the failure names it. */
    public String report() {
        return subject == null ? getMessage() : subject + ": " + getMessage();
    }
}
