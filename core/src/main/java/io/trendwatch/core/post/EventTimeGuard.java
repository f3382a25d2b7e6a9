package io.trendwatch.core.post;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A post may not claim to be from later than it arrived, give or take a clock
 * skew. One post dated years ahead would otherwise move the speed layer's
 * event-time watermark and make every later post look late. Both layers apply
 * this rule with the time the record reached them (the Kafka record's
 * timestamp, or the import's clock for a file), so a rejected post is in
 * neither view and is in the dead-letter topic with {@link RejectReason#FUTURE_TIMESTAMP}.
 *
 * @param maxAhead how far past its arrival a post's {@code created_at} may be
 */
public record EventTimeGuard(Duration maxAhead) implements Serializable {

    /** Five minutes: more than any honest client's clock is off, far less than the speed layer's watermark delay. */
    public static final EventTimeGuard DEFAULT = new EventTimeGuard(Duration.ofMinutes(5));

    public EventTimeGuard {
        Objects.requireNonNull(maxAhead, "maxAhead");
        if (maxAhead.isNegative()) {
            throw new IllegalArgumentException("the allowed clock skew must not be negative, got " + maxAhead);
        }
    }

    /** The same result, or a rejection when an accepted post is dated too far after {@code arrivedAt}. */
    public ParseResult check(ParseResult result, Instant arrivedAt) {
        if (result instanceof ParseResult.Accepted a && isAhead(a.post().createdAt(), arrivedAt)) {
            return ParseResult.rejected(RejectReason.FUTURE_TIMESTAMP, "field 'created_at' is " + a.post().createdAt()
                    + ", more than " + maxAhead + " after the post arrived at " + arrivedAt);
        }
        return result;
    }

    /** Whether an event time is further ahead of the arrival than the skew allows. */
    public boolean isAhead(Instant eventTime, Instant arrivedAt) {
        return eventTime.isAfter(arrivedAt.plus(maxAhead));
    }
}
