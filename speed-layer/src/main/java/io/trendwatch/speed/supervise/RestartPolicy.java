package io.trendwatch.speed.supervise;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When the speed layer starts its queries again after a failure: only for a transient failure, after a
 * pause that doubles from {@code firstPause} up to {@code maxPause}, and only while the outage (from
 * its first failure, reset once a micro-batch completes) is shorter than {@code maxOutage}.
 * Past that the process exits, so an outage longer than the documented limit is noticed.
 */
public final class RestartPolicy {

    private final Duration firstPause;
    private final Duration maxPause;
    private final Duration maxOutage;
    private Instant outageStart;
    private int failures;

    public RestartPolicy(Duration firstPause, Duration maxPause, Duration maxOutage) {
        this.firstPause = firstPause;
        this.maxPause = maxPause;
        this.maxOutage = maxOutage;
    }

    /** How long to wait before starting again after {@code failure} at {@code now}; empty: give up. */
    public Optional<Duration> afterFailure(Throwable failure, Instant now) {
        if (!TransientFailures.isTransient(failure)) {
            return Optional.empty();
        }
        if (outageStart == null) {
            outageStart = now;
        }
        if (Duration.between(outageStart, now).compareTo(maxOutage) >= 0) {
            return Optional.empty();
        }
        Duration pause = firstPause.multipliedBy(1L << Math.min(failures, 16));
        failures++;
        return Optional.of(pause.compareTo(maxPause) > 0 ? maxPause : pause);
    }

    /** A micro-batch completed: the outage is over. */
    public void recovered() {
        outageStart = null;
        failures = 0;
    }

    /** When the current outage began, if one is going on. */
    public Optional<Instant> outageStart() {
        return Optional.ofNullable(outageStart);
    }

    public Duration maxOutage() {
        return maxOutage;
    }
}
