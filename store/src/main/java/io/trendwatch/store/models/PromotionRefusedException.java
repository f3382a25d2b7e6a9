package io.trendwatch.store.models;

import io.trendwatch.core.ExitCodes;
import io.trendwatch.core.ReportedFailure;

/** The candidate scores worse than the model in use, and promotion was not forced. */
public final class PromotionRefusedException extends RuntimeException implements ReportedFailure {

    private static final long serialVersionUID = 1L;

    public PromotionRefusedException(String message) {
        super(message);
    }

    @Override
    public int exitCode() {
        return ExitCodes.REFUSED;
    }
}
