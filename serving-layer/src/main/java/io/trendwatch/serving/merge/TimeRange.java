package io.trendwatch.serving.merge;

import java.time.Instant;

/** A half-open interval {@code [from, to)}; empty when {@code to <= from}. */
public record TimeRange(Instant from, Instant to) {

    public boolean isEmpty() {
        return !to.isAfter(from);
    }

    public boolean contains(Instant t) {
        return !t.isBefore(from) && t.isBefore(to);
    }
}
