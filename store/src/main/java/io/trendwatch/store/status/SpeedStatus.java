package io.trendwatch.store.status;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The speed layer's heartbeat as {@code speed_status} holds it: when its query last reported progress, and what it
 * is doing (running, or waiting for Cassandra or Kafka, and why). A query that never ran has no row.
 */
public record SpeedStatus(Instant updatedAt, String state, String stateDetail, Instant stateSince) {

    /** The state the speed layer records while its queries wait for a service to come back. */
    public static final String WAITING = "waiting";

    public static Optional<SpeedStatus> read(CqlSession session, String keyspace, String query) {
        Row row = session.execute(SimpleStatement.newInstance("SELECT updated_at, state, state_detail, state_since FROM "
                + keyspace + ".speed_status WHERE query = ?", query).setTimeout(Duration.ofSeconds(10))).one();
        return Optional.ofNullable(row).map(r -> new SpeedStatus(r.getInstant("updated_at"), r.getString("state"),
                r.getString("state_detail"), r.getInstant("state_since")));
    }

    public Duration silence(Instant now) {
        return updatedAt == null ? Duration.ofDays(365_000) : Duration.between(updatedAt, now);
    }

    public boolean waiting() {
        return WAITING.equals(state);
    }
}
