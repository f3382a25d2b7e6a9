package io.trendwatch.serving.health;

import com.codahale.metrics.health.HealthCheck;
import io.trendwatch.serving.db.ViewReader;

/** Cassandra answers a trivial query. */
public final class CassandraHealthCheck extends HealthCheck {

    private final ViewReader dao;

    public CassandraHealthCheck(ViewReader dao) {
        this.dao = dao;
    }

    @Override
    protected Result check() {
        try {
            dao.ping();
            return Result.healthy();
        } catch (RuntimeException e) {
            return Result.unhealthy("Cassandra is unreachable: " + e.getMessage());
        }
    }
}
