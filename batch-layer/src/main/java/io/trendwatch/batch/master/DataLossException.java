package io.trendwatch.batch.master;

import io.trendwatch.core.ExitCodes;
import io.trendwatch.core.ReportedFailure;

/** Records of the topic were deleted by retention before they were archived; the message names the offsets. */
public final class DataLossException extends ReportedFailure {
    private static final long serialVersionUID = 1L;

    public DataLossException(String message) {
        super("archive", message, null, ExitCodes.REFUSED);
    }
}
