package io.trendwatch.store;

import io.trendwatch.core.ExitCodes;
import io.trendwatch.core.ReportedFailure;

/** Cassandra could not be reached; the message says what to start. */
public final class CassandraUnavailableException extends ReportedFailure {
    private static final long serialVersionUID = 1L;

    public CassandraUnavailableException(String message, Throwable cause) {
        super(message, cause, ExitCodes.UNAVAILABLE);
    }
}
