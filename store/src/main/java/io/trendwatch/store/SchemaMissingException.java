package io.trendwatch.store;

import io.trendwatch.core.ExitCodes;
import io.trendwatch.core.ReportedFailure;

/** Cassandra answers, but the keyspace lacks the tables a command needs; the message says how to create them. */
public final class SchemaMissingException extends ReportedFailure {
    private static final long serialVersionUID = 1L;

    public SchemaMissingException(String keyspace, String what, Throwable cause) {
        super("keyspace " + keyspace + " has no " + what + " (" + cause.getMessage() + "). Create the schema with "
                + "'trendwatch migrate' (with TRENDWATCH_KEYSPACE=" + keyspace + ")", cause, ExitCodes.UNAVAILABLE);
    }
}
