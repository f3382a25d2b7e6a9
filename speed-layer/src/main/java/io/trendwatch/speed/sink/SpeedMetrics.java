package io.trendwatch.speed.sink;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trendwatch.speed.pipeline.SpeedConfig;
import io.trendwatch.speed.pipeline.SpeedPipeline;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.Sessions;
import io.trendwatch.store.views.SpeedStatus;
import io.trendwatch.store.views.Tables;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per micro-batch: logs one JSON line (input and processed rate, batch
 * duration, lag to the end of the topic, dead letters, late posts, rows
 * written per post counted since this start (posts dated before {@code --count-from} write none, so they are not
 * in it), records lost to retention, posts dated before {@code --count-from} left to the batch layer
 * since this start) and upserts the query's row in
 * {@link Tables#SPEED_STATUS}, which the serving layer's status and health checks read,
 * with its state: running, or waiting for Cassandra or Kafka. Totals carry over restarts.
 */
public final class SpeedMetrics extends StreamingQueryListener {

    private static final Logger LOG = LoggerFactory.getLogger("io.trendwatch.speed.metrics");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SpeedConfig cfg;
    private final CassandraSettings settings;
    private final LongAccumulator rowsWritten;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private final AtomicLong beforeCountFrom = new AtomicLong();
    /** Accepted posts dated from {@code --count-from} on, since this start: what this start's rows were written for. */
    private final AtomicLong countedSinceStart = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final long rowsBefore;
    /** The heartbeat's upsert, built once: it is written after every micro-batch. */
    private final String writeStatus;
    private volatile Instant running;
    private static final String RUNNING = "running";
    private static final String WAITING = SpeedStatus.WAITING;

    public SpeedMetrics(SpeedConfig cfg, CassandraSettings settings, LongAccumulator rowsWritten) {
        this.cfg = cfg;
        this.settings = settings;
        this.rowsWritten = rowsWritten;
        Row previous = Sessions.get(settings).execute(Tables.SPEED_STATUS.select(settings.keyspace(),
                "accepted_posts, dlq_records, late_records, rows_written, lost_records", "query = ?"), cfg.queryName()).one();
        long rows = 0;
        if (previous != null) {
            accepted.set(previous.getLong("accepted_posts"));
            deadLetters.set(previous.getLong("dlq_records"));
            late.set(previous.getLong("late_records"));
            rows = previous.getLong("rows_written");
            lost.set(previous.getLong("lost_records"));
        }
        rowsBefore = rows;
        writeStatus = Tables.SPEED_STATUS.insert(settings.keyspace(), "query, updated_at, batch_id, "
                + "input_rows_per_second, processed_rows_per_second, batch_duration_ms, lag_records, dlq_records, "
                + "late_records, max_event_time, accepted_posts, rows_written, watermark, lost_records, state, state_detail, "
                + "state_since");
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
        LOG.info("query {} started (id {})", event.name(), event.id());
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
        LOG.info("query {} stopped{}", event.id(), event.exception().isDefined() ? ": " + event.exception().get() : "");
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        StreamingQueryProgress p = event.progress();
        if (cfg.deadLetterQueryName().equals(p.name())) {
            deadLetters.addAndGet(observed(p, SpeedPipeline.DLQ_METRIC, SpeedPipeline.DLQ_RECORDS));
            return;
        }
        if (!cfg.viewsQueryName().equals(p.name())) {
            return;
        }
        long postsNow = observed(p, SpeedPipeline.ACCEPTED_METRIC, SpeedPipeline.ACCEPTED_POSTS);
        long beforeNow = observed(p, SpeedPipeline.ACCEPTED_METRIC, SpeedPipeline.BEFORE_COUNT_FROM);
        accepted.addAndGet(postsNow);
        beforeCountFrom.addAndGet(beforeNow);
        countedSinceStart.addAndGet(postsNow - beforeNow);
        late.addAndGet(droppedByWatermark(p));
        long lostNow = lost(p);
        if (lostNow > 0) {
            LOG.error("{} records of {} were deleted by the topic's retention before they were read (--accept-data-loss); "
                    + "their posts are in no view until a batch run archives what is left", lostNow, cfg.postsTopic());
        }
        lost.addAndGet(lostNow);
        long rows = rowsBefore + rowsWritten.value();
        long lag = lag(p);
        long durationMs = p.batchDuration();
        String maxEvent = p.eventTime().get("max");
        String watermark = p.eventTime().get("watermark");

        ObjectNode line = JSON.createObjectNode()
                .put("query", cfg.queryName()).put("batch", p.batchId())
                .put("input_rows", p.numInputRows())
                .put("input_rows_per_second", round(p.inputRowsPerSecond()))
                .put("processed_rows_per_second", round(p.processedRowsPerSecond()))
                .put("batch_duration_ms", durationMs).put("lag_records", lag)
                .put("accepted_posts", accepted.get()).put("dlq_records", deadLetters.get())
                .put("late_records", late.get()).put("lost_records", lost.get()).put("rows_written", rows)
                .put(SpeedPipeline.BEFORE_COUNT_FROM, beforeCountFrom.get())
                .put("rows_per_post", countedSinceStart.get() == 0 ? 0
                        : round((double) rowsWritten.value() / countedSinceStart.get()))
                .put("max_event_time", maxEvent).put("watermark", watermark);
        ObjectNode phases = line.putObject("phase_ms");
        p.durationMs().forEach((phase, ms) -> phases.put(phase, ms));
        // where a micro-batch's state time goes, per stateful operator: updates, removals (expiry) and the commit
        ObjectNode state = line.putObject("state_ms");
        StateOperatorProgress[] ops = p.stateOperators();
        for (int i = 0; i < ops.length; i++) {
            StateOperatorProgress op = ops[i];
            // two operators may share a name (both transformWithState): the index tells them apart
            state.putObject(i + ":" + op.operatorName()).put("updates", op.allUpdatesTimeMs())
                    .put("removals", op.allRemovalsTimeMs()).put("commit", op.commitTimeMs())
                    .put("rows_updated", op.numRowsUpdated()).put("rows_removed", op.numRowsRemoved());
        }
        LOG.info("{}", line);

        CqlSession session = Sessions.get(settings);
        session.execute(writeStatus,
                cfg.queryName(), Instant.now(), p.batchId(), p.inputRowsPerSecond(), p.processedRowsPerSecond(),
                durationMs, lag, deadLetters.get(), late.get(), maxEvent == null ? null : Instant.parse(maxEvent),
                accepted.get(), rows, watermark == null ? null : Instant.parse(watermark), lost.get(), RUNNING, null,
                runningSince());
    }

    /**
     * Best effort, while the queries wait to start again: says so in {@link Tables#SPEED_STATUS} (when
     * Cassandra is the one away this fails, and the log line and the stale heartbeat tell it).
     */
    public void reportWaiting(String detail) {
        try {
            Sessions.get(settings).execute(SimpleStatement.newInstance(Tables.SPEED_STATUS.update(settings.keyspace(),
                            "state = ?, state_detail = ?, state_since = ?", "query = ?"),
                    WAITING, detail, Instant.now(), cfg.queryName()).setTimeout(java.time.Duration.ofSeconds(2)));
        } catch (RuntimeException e) {
            LOG.debug("cannot record the waiting state: {}", e.toString());
        }
        running = null;
    }

    private Instant runningSince() {
        if (running == null) {
            running = Instant.now();
        }
        return running;
    }

    /**
     * Records of the batch's offset range that were never read: with failOnDataLoss off, Spark skips
     * offsets that retention deleted. Producers here are not transactional, so a range holds one record
     * per offset and the difference is the loss.
     */
    static long lost(StreamingQueryProgress p) {
        long lost = 0;
        for (SourceProgress s : p.sources()) {
            if (s.startOffset() == null || s.endOffset() == null) {
                continue;
            }
            try {
                long span = offsetSum(s.endOffset()) - offsetSum(s.startOffset());
                lost += Math.max(0, span - s.numInputRows());
            } catch (java.io.IOException | RuntimeException e) {
                LOG.debug("offsets of {} not readable: {}", s.description(), e.toString());
            }
        }
        return lost;
    }

    private static long offsetSum(String json) throws java.io.IOException {
        long sum = 0;
        for (var topic : JSON.readTree(json).properties()) {
            for (var partition : topic.getValue().properties()) {
                sum += partition.getValue().asLong();
            }
        }
        return sum;
    }

    /** A field of the metric {@code name} this micro-batch observed; 0 when it observed none. */
    private static long observed(StreamingQueryProgress p, String name, String field) {
        org.apache.spark.sql.Row row = p.observedMetrics().get(name);
        return row == null ? 0 : row.getLong(row.fieldIndex(field));
    }

    /**
     * Posts dropped as too late. Whichever stateful operator drops a late row, the row goes no further, so
     * the operators' counts add up without counting a post twice.
     */
    private static long droppedByWatermark(StreamingQueryProgress p) {
        long dropped = 0;
        for (StateOperatorProgress op : p.stateOperators()) {
            dropped += op.numRowsDroppedByWatermark();
        }
        return dropped;
    }

    /** Records between the end of this batch and the end of the topic (the largest per partition). */
    private static long lag(StreamingQueryProgress p) {
        for (SourceProgress s : p.sources()) {
            String v = s.metrics().get("maxOffsetsBehindLatest");
            if (v != null) {
                return (long) Double.parseDouble(v);
            }
        }
        return -1;
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 100) / 100.0 : 0;
    }
}
