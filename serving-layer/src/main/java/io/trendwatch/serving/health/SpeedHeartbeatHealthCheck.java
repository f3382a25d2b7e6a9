package io.trendwatch.serving.health;

import com.codahale.metrics.health.HealthCheck;
import io.trendwatch.serving.db.ViewReader;
import io.trendwatch.store.views.SpeedStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The speed layer reported a micro-batch recently. */
public final class SpeedHeartbeatHealthCheck extends HealthCheck {

    private final ViewReader dao;
    private final String query;
    private final Duration maxSilence;

    public SpeedHeartbeatHealthCheck(ViewReader dao, String query, Duration maxSilence) {
        this.dao = dao;
        this.query = query;
        this.maxSilence = maxSilence;
    }

    @Override
    protected Result check() {
        Optional<SpeedStatus> status = dao.speedStatus(query);
        if (status.isEmpty()) {
            return Result.unhealthy("the speed layer '" + query + "' has not reported yet: start it with 'trendwatch speed start'");
        }
        Duration silence = status.get().silence(Instant.now());
        return silence.compareTo(maxSilence) > 0
                ? Result.unhealthy("the speed layer last reported " + silence.toSeconds() + " s ago (limit " + maxSilence.toSeconds() + " s)")
                : Result.healthy("last micro-batch " + silence.toSeconds() + " s ago, lag " + status.get().lagRecords());
    }
}
