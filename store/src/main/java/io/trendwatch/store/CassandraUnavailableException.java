package io.trendwatch.store;

/** Cassandra could not be reached; the message says what to start. */
public final class CassandraUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CassandraUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
