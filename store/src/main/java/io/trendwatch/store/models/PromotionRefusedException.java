package io.trendwatch.store.models;

import io.trendwatch.core.ExitCodes;
import io.trendwatch.core.ReportedFailure;

/** The candidate scores worse than the model in use, and promotion was not forced. */
public final class PromotionRefusedException extends ReportedFailure {

    private static final long serialVersionUID = 1L;

    public PromotionRefusedException(String message) {
        super(message, null, ExitCodes.REFUSED);
    }
}
