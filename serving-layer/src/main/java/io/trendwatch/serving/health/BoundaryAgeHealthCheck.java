package io.trendwatch.serving.health;

import com.codahale.metrics.health.HealthCheck;
import io.trendwatch.serving.db.ViewReader;

import java.time.Duration;
import java.time.Instant;

/** The batch layer published a boundary recently enough (the nightly run is alive). */
public final class BoundaryAgeHealthCheck extends HealthCheck {

    private final ViewReader dao;
    private final Duration maxAge;

    public BoundaryAgeHealthCheck(ViewReader dao, Duration maxAge) {
        this.dao = dao;
        this.maxAge = maxAge;
    }

    @Override
    protected Result check() {
        var boundary = dao.boundary();
        if (boundary.isEmpty()) {
            return Result.unhealthy("no batch boundary has been published yet: run the nightly batch");
        }
        Duration age = Duration.between(boundary.get().publishedAt(), Instant.now());
        return age.compareTo(maxAge) > 0
                ? Result.unhealthy("the batch boundary " + boundary.get().boundary() + " was published " + age.toHours()
                        + " h ago (limit " + maxAge.toHours() + " h): has the nightly run failed?")
                : Result.healthy("boundary " + boundary.get().boundary() + ", published " + age.toMinutes() + " min ago");
    }
}
