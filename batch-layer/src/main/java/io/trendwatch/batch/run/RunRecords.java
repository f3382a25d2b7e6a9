package io.trendwatch.batch.run;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.trendwatch.store.Publications;
import io.trendwatch.store.views.Tables;

import java.time.Instant;
import java.util.Optional;

/** The batch layer's bookkeeping: run records and the published boundary. */
public final class RunRecords {

    private final CqlSession session;
    private final String ks;

    public RunRecords(CqlSession session, String keyspace) {
        this.session = session;
        this.ks = keyspace;
    }

    /** The boundary in force: the latest one published, if any. */
    public Optional<Instant> boundary() {
        return new Publications(session, ks).current().map(Publications.Publication::boundary);
    }

    /**
     * The event-time watermark the speed layer's query last reported: it drops
     * every post dated before it from now on. Empty when that query never ran here.
     */
    public Optional<Instant> speedWatermark(String query) {
        Row r = session.execute(SimpleStatement.newInstance(
                Tables.SPEED_STATUS.select(ks, "watermark", "query = ?"), query)).one();
        return Optional.ofNullable(r).map(x -> x.getInstant("watermark"));
    }

    public void started(String runId, Instant asOf, Instant boundary, Instant startedAt, String modelVersion) {
        session.execute(SimpleStatement.newInstance(Tables.BATCH_RUNS.insert(ks,
                "run_id, as_of, boundary, started_at, status, model_version"), runId, asOf, boundary, startedAt, "running",
                modelVersion));
    }

    public void finished(String runId, String status, long inputPosts, long rowsWritten, Instant finishedAt, long durationMs) {
        session.execute(SimpleStatement.newInstance(Tables.BATCH_RUNS.update(ks, "status = ?, input_posts = ?, "
                + "rows_written = ?, finished_at = ?, duration_ms = ?", "run_id = ?"), status, inputPosts, rowsWritten,
                finishedAt, durationMs, runId));
    }

    public void failed(String runId, String error, Instant finishedAt) {
        session.execute(SimpleStatement.newInstance(Tables.BATCH_RUNS.update(ks, "status = ?, error = ?, finished_at = ?",
                "run_id = ?"), "failed", error, finishedAt, runId));
    }

}
