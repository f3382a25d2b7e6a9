package io.trendwatch.batch.master;

/** Records of the topic were deleted by retention before they were archived; the message names the offsets. */
public final class DataLossException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public DataLossException(String message) {
        super(message);
    }
}
