package io.trendwatch.store.views;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A speed query's row of {@code speed_status}: its heartbeat (when it last reported a micro-batch), its progress and
 * losses, and what it is doing (running, or waiting for Cassandra or Kafka, and why). A query that never ran has no
 * row; a count the query never wrote is null.
 */
public record SpeedStatus(String query, Instant updatedAt, Long batchId, Long lagRecords, Long dlqRecords,
                          Long lateRecords, Long lostRecords, Instant maxEventTime, Instant watermark,
                          Double processedRowsPerSecond, String state, String stateDetail, Instant stateSince) {

    /**
     * The speed layer's query name unless told otherwise ({@code speed start --query-name}); the batch run, the API
     * and the doctor read that query's row by default.
     */
    public static final String DEFAULT_QUERY = "speed";

    /** How long a heartbeat may be silent before the API's health check and the doctor call the speed layer down. */
    public static final String MAX_SILENCE = "5m";

    /** The state the speed layer records while its queries wait for a service to come back. */
    public static final String WAITING = "waiting";

    /** The columns {@link #of} reads. */
    public static final String COLUMNS = "query, updated_at, batch_id, lag_records, dlq_records, late_records, "
            + "lost_records, max_event_time, watermark, processed_rows_per_second, state, state_detail, state_since";

    /** {@code SELECT} of one query's row, bound with the query's name. */
    public static String select(String keyspace) {
        return Tables.SPEED_STATUS.select(keyspace, COLUMNS, "query = ?");
    }

    public static Optional<SpeedStatus> read(CqlSession session, String keyspace, String query) {
        return Optional.ofNullable(session.execute(SimpleStatement.newInstance(select(keyspace), query)
                .setTimeout(Duration.ofSeconds(10))).one()).map(SpeedStatus::of);
    }

    /** The typed row of a result of {@link #select}. */
    public static SpeedStatus of(Row r) {
        return new SpeedStatus(r.getString("query"), r.getInstant("updated_at"), Rows.longOrNull(r, "batch_id"),
                Rows.longOrNull(r, "lag_records"), Rows.longOrNull(r, "dlq_records"), Rows.longOrNull(r, "late_records"),
                Rows.longOrNull(r, "lost_records"), r.getInstant("max_event_time"), r.getInstant("watermark"),
                r.isNull("processed_rows_per_second") ? null : r.getDouble("processed_rows_per_second"),
                r.getString("state"), r.getString("state_detail"), r.getInstant("state_since"));
    }

    public Duration silence(Instant now) {
        return updatedAt == null ? Duration.ofDays(365_000) : Duration.between(updatedAt, now);
    }

    public boolean waiting() {
        return WAITING.equals(state);
    }
}
