package io.trendwatch.core.post;

import java.util.Objects;

/** The outcome of parsing one record: a post, or the reason it was rejected. */
public sealed interface ParseResult permits ParseResult.Accepted, ParseResult.Rejected {

    static ParseResult accepted(Post post) {
        return new Accepted(post);
    }

    static ParseResult rejected(RejectReason reason, String detail) {
        return new Rejected(reason, detail);
    }

    default boolean isAccepted() {
        return this instanceof Accepted;
    }

    record Accepted(Post post) implements ParseResult {
        public Accepted {
            Objects.requireNonNull(post, "post");
        }
    }

    /** {@code detail} names the field and what was wrong with it, for people reading a DLQ. */
    record Rejected(RejectReason reason, String detail) implements ParseResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public String toString() {
            return reason + ": " + detail;
        }
    }
}
