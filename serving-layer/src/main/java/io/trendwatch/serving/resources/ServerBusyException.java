package io.trendwatch.serving.resources;

/** The server refuses work it has no room for; answered with 503 and {@code Retry-After}. */
public final class ServerBusyException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int retryAfterSeconds;

    public ServerBusyException(String message, int retryAfterSeconds) {
        super(message, null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
