package io.trendwatch.store.models;

/** The candidate scores worse than the model in use, and promotion was not forced. */
public final class PromotionRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PromotionRefusedException(String message) {
        super(message);
    }
}
