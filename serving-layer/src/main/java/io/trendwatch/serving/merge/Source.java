package io.trendwatch.serving.merge;

import com.fasterxml.jackson.annotation.JsonValue;

/** Which view a part of an answer came from. */
public enum Source {
    BATCH("batch"),
    SPEED("speed"),
    /** A coarse bucket that straddles the boundary: batch minutes before it, speed minutes after. */
    BATCH_AND_SPEED("batch+speed");

    private final String label;

    Source(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    public static Source of(boolean anyBatch, boolean anySpeed) {
        return anyBatch && anySpeed ? BATCH_AND_SPEED : anyBatch ? BATCH : SPEED;
    }
}
