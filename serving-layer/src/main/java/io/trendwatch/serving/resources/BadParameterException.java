package io.trendwatch.serving.resources;

/** A query parameter that cannot be used; answered with 400 and a message naming it. */
public final class BadParameterException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String parameter;

    public BadParameterException(String parameter, String message) {
        super(message, null, false, false);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
