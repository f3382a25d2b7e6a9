package io.trendwatch.core.config;

import io.trendwatch.core.ExitCodes;
import io.trendwatch.core.ReportedFailure;

/** The broker could not be reached; the message says what to start. */
public final class KafkaUnavailableException extends ReportedFailure {
    private static final long serialVersionUID = 1L;

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause, ExitCodes.UNAVAILABLE);
    }
}
