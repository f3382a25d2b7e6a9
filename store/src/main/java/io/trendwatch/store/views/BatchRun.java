package io.trendwatch.store.views;

import com.datastax.oss.driver.api.core.cql.Row;

import java.time.Instant;

/** A batch run's row of {@code batch_runs}; figures the run has not reported yet are null. */
public record BatchRun(String runId, Instant asOf, Instant boundary, Instant startedAt, Instant finishedAt,
                       String status, Long inputPosts, Long rowsWritten, Long durationMs, String modelVersion) {

    /** The columns {@link #of} reads. */
    public static final String COLUMNS = "run_id, as_of, boundary, started_at, finished_at, status, input_posts, "
            + "rows_written, duration_ms, model_version";

    /** {@code SELECT} of one run's row, bound with its id. */
    public static String select(String keyspace) {
        return Tables.BATCH_RUNS.select(keyspace, COLUMNS, "run_id = ?");
    }

    /** The typed row of a result of {@link #select}. */
    public static BatchRun of(Row r) {
        return new BatchRun(r.getString("run_id"), r.getInstant("as_of"), r.getInstant("boundary"),
                r.getInstant("started_at"), r.getInstant("finished_at"), r.getString("status"),
                Rows.longOrNull(r, "input_posts"), Rows.longOrNull(r, "rows_written"), Rows.longOrNull(r, "duration_ms"),
                r.getString("model_version"));
    }
}
