package io.trendwatch.batch;

import io.trendwatch.core.ExitCodes;
import io.trendwatch.core.ReportedFailure;

/**
 * The master dataset holds too little for a model job (a young deployment, a
 * quiet day): the commands exit with {@link ExitCodes#NOT_ENOUGH_DATA} so a scheduler can
 * skip the step instead of failing the night.
 */
public final class NotEnoughDataException extends ReportedFailure {

    private static final long serialVersionUID = 1L;

    public NotEnoughDataException(String message) {
        super("not enough data", message, null, ExitCodes.NOT_ENOUGH_DATA);
    }
}
