package io.trendwatch.batch;

/**
 * The master dataset holds too little for a model job (a young deployment, a
 * quiet day): the commands exit with {@link #EXIT_CODE} so a scheduler can
 * skip the step instead of failing the night.
 */
public final class NotEnoughDataException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    public static final int EXIT_CODE = 5;

    public NotEnoughDataException(String message) {
        super(message);
    }
}
