package io.trendwatch.serving.health;

import com.codahale.metrics.CachedGauge;
import com.codahale.metrics.MetricRegistry;
import io.trendwatch.serving.db.ViewReader;
import io.trendwatch.store.views.SpeedStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline's state as metrics, for alert rules: the age of the published
 * batch boundary, and the speed layer's lag, dead-letter, late and lost counts and
 * silence, read from Cassandra at most every 15 s whatever the scrape rate.
 * A value that cannot be read is reported as -1 (the rules treat it as absent).
 */
public final class PipelineGauges {

    private static final long REFRESH_SECONDS = 15;

    private PipelineGauges() {
    }

    public static void register(MetricRegistry metrics, ViewReader dao, String speedQuery) {
        metrics.register("trendwatch.batch.boundary_age_seconds", cached(() -> dao.boundary()
                .map(b -> (double) Duration.between(b.boundary(), Instant.now()).toSeconds()).orElse(-1.0)));
        metrics.register("trendwatch.speed.lag_records", cached(() -> speedCount(dao, speedQuery, SpeedStatus::lagRecords)));
        metrics.register("trendwatch.speed.dlq_records", cached(() -> speedCount(dao, speedQuery, SpeedStatus::dlqRecords)));
        metrics.register("trendwatch.speed.late_records", cached(() -> speedCount(dao, speedQuery, SpeedStatus::lateRecords)));
        metrics.register("trendwatch.speed.lost_records", cached(() -> speedCount(dao, speedQuery, SpeedStatus::lostRecords)));
        metrics.register("trendwatch.speed.silence_seconds", cached(() -> dao.speedStatus(speedQuery).filter(r -> r.updatedAt() != null)
                .map(r -> (double) r.silence(Instant.now()).toSeconds()).orElse(-1.0)));
    }

    private static double speedCount(ViewReader dao, String query, Function<SpeedStatus, Long> count) {
        return dao.speedStatus(query).map(count).map(Long::doubleValue).orElse(-1.0);
    }

    private static CachedGauge<Double> cached(java.util.function.Supplier<Double> read) {
        return new CachedGauge<>(REFRESH_SECONDS, TimeUnit.SECONDS) {
            @Override
            protected Double loadValue() {
                try {
                    return read.get();
                } catch (RuntimeException e) {
                    return -1.0; // Cassandra down: the cassandra health check and the 5xx rule say so
                }
            }
        };
    }
}
