package io.trendwatch.batch.views;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.trendwatch.core.text.PostTerms;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.core.trend.BaselineShards;
import io.trendwatch.store.BoundedWrites;
import io.trendwatch.store.Publications;
import io.trendwatch.store.ReplicaBatches;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.Sessions;
import io.trendwatch.core.view.ExamplePosts;
import io.trendwatch.store.views.CountUpserts;
import io.trendwatch.store.views.ExampleRows;
import io.trendwatch.store.views.Layer;
import io.trendwatch.store.views.Tables;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.function.BiFunction;

/**
 * Writes batch views from the executors with prepared, asynchronous upserts,
 * bounded in flight, the count rows grouped into unlogged batches of the
 * partitions one replica set owns ({@link ReplicaBatches}). Every row holds a
 * bucket's full count and carries the run's write timestamp, so a rerun
 * rewrites the same cells. Rankings and baselines are written under the run's
 * id, beside those of earlier runs, and are read only once the run is
 * published ({@link Publications}): readers never see a ranking or a baseline
 * set half written.
 */
public final class BatchViewWriter implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Statements in flight per task; with two tasks this keeps a single local node busy without timeouts. */
    private static final int MAX_IN_FLIGHT = 128;
    /** Count rows per unlogged batch: well under the 5 KiB batch warning. */
    private static final int ROWS_PER_BATCH = 32;
    /**
     * Minute rows are rewritten for the last days before the boundary only; they expire a week after
     * their last write, as the speed view's do, so an old day never keeps minutes that disagree with
     * its recomputed hours. Hours and days do not expire (TTL 0).
     */
    static final int MINUTE_TTL_SECONDS = 7 * 86_400;

    private final CassandraSettings settings;
    private final String runId;
    private final long writeTime;
    private final LongAccumulator rowsWritten;

    /** @param writeTime microseconds since the epoch, the run's start */
    public BatchViewWriter(CassandraSettings settings, String runId, long writeTime, LongAccumulator rowsWritten) {
        this.settings = settings;
        this.runId = runId;
        this.writeTime = writeTime;
        this.rowsWritten = rowsWritten;
    }

    /**
     * Term counts and totals: columns step, bucket, term, kind, posts, positive, neutral, negative, unscored.
     * Sorted so that the rows of one Cassandra partition (a term's minutes of a day, hours of a month,
     * days of a year) arrive together and mostly share a batch; a rare term's lone rows share theirs with other
     * partitions of the same replicas (a request per lone row: 29 s against 23 s for the count rows of the
     * demo's 2011-2026 posts, docs/benchmarks.md).
     */
    public void writeCounts(Dataset<Row> rows) {
        BatchViewWriter w = this;
        rows.sortWithinPartitions("term", "step", "bucket")
                .foreachPartition((ForeachPartitionFunction<Row>) it -> w.rowsWritten.add(w.counts(it)));
    }

    /**
     * Ranked trending rows (from {@link TrendRanking#top}) under this run, with a mark in each of {@code buckets}
     * that this run ranked it (so an empty ranking replaces an older one). Readers see them once the run is published.
     */
    public void writeTrending(Dataset<Row> ranked, Granularity step, Collection<Instant> buckets) throws InterruptedException {
        CqlSession session = Sessions.get(settings);
        BoundedWrites writes = new BoundedWrites(session, MAX_IN_FLIGHT);
        PreparedStatement mark = session.prepare(Tables.BATCH_RANKINGS.insert(settings.keyspace(),
                "step, bucket, run_id, rank", "USING TIMESTAMP ?"));
        for (Instant b : buckets) {
            writes.send(mark.bind(step.label(), b, runId, Publications.RANKED_MARK, writeTime));
        }
        rowsWritten.add(writes.await());
        BatchViewWriter w = this;
        ranked.foreachPartition((ForeachPartitionFunction<Row>) it -> w.rowsWritten.add(w.trending(it)));
    }

    /** Baselines (from {@link TrendRanking#baselines}) under this run: in force once its boundary is published. */
    public void writeBaselines(Dataset<Row> baselines, Instant asOf) {
        BatchViewWriter w = this;
        baselines.foreachPartition((ForeachPartitionFunction<Row>) it -> w.rowsWritten.add(w.baselines(it, asOf)));
    }

    /**
     * Term examples (from {@link TermExamples#minuteExamples}): columns minute, term, example. They expire as minute
     * counts do, a week after the run.
     */
    public void writeExamples(Dataset<Row> examples) {
        BatchViewWriter w = this;
        examples.foreachPartition((ForeachPartitionFunction<Row>) it -> w.rowsWritten.add(w.examples(it)));
    }

    private long examples(Iterator<Row> rows) throws InterruptedException {
        CqlSession session = Sessions.get(settings);
        ExampleRows upserts = ExampleRows.prepare(session, settings.keyspace(), Layer.BATCH);
        CountUpserts.BatchStamp stamp = stamp(Granularity.MINUTE, runId, writeTime);
        BoundedWrites writes = new BoundedWrites(session, MAX_IN_FLIGHT);
        while (rows.hasNext()) {
            Row r = rows.next();
            writes.send(upserts.upsert(r.getAs("term"), exampleMinute(r), example(r), stamp));
        }
        return writes.await();
    }

    /** What a run stamps its rows of {@code step} with: its id, its write time, and the week's TTL for minutes. */
    static CountUpserts.BatchStamp stamp(Granularity step, String runId, long writeTime) {
        return new CountUpserts.BatchStamp(runId, writeTime, step == Granularity.MINUTE ? MINUTE_TTL_SECONDS : 0);
    }

    /** The counts of a row of {@code TermCounting.viewRows} (columns 4 to 8). */
    static CountUpserts.Counts counts(Row r) {
        return new CountUpserts.Counts(r.getLong(4), r.getLong(5), r.getLong(6), r.getLong(7), r.getLong(8));
    }

    /** The minute a row of {@code TermExamples.minuteExamples} is the example of. */
    static Instant exampleMinute(Row r) {
        return ((Timestamp) r.getAs("minute")).toInstant();
    }

    /** The example a row of {@code TermExamples.minuteExamples} holds. */
    static ExamplePosts.Example example(Row r) {
        Row e = r.getAs("example");
        return new ExamplePosts.Example(e.getLong(0), e.getString(1), ((Timestamp) e.get(2)).toInstant(), e.getString(3),
                e.getString(4));
    }

    private long counts(Iterator<Row> rows) throws InterruptedException {
        CqlSession session = Sessions.get(settings);
        String ks = settings.keyspace();
        CountUpserts upserts = CountUpserts.prepare(session, ks, Layer.BATCH);
        ReplicaBatches writes = new ReplicaBatches(session, ks, new BoundedWrites(session, MAX_IN_FLIGHT), ROWS_PER_BATCH);
        while (rows.hasNext() && !writes.failed()) {
            Row r = rows.next();
            Granularity step = Granularity.parse(r.getString(0));
            Instant bucket = ((Timestamp) r.get(1)).toInstant();
            CountUpserts.BatchStamp stamp = stamp(step, runId, writeTime);
            CountUpserts.Counts counts = counts(r);
            writes.add(PostTerms.TOTAL.equals(r.getString(2))
                    ? upserts.total(step, bucket, counts, stamp)
                    : upserts.term(r.getString(2), r.getString(3), step, bucket, counts, stamp));
        }
        // a failed write fails the task (ReplicaBatches rethrows it): Spark retries it, and the upserts make that harmless
        return writes.finish();
    }

    private long trending(Iterator<Row> rows) throws InterruptedException {
        return insertEach(rows, Tables.BATCH_RANKINGS.insert(settings.keyspace(), "step, bucket, rank, term, kind, "
                + "posts, score, zscore, poisson, baseline, run_id", "USING TIMESTAMP ?"), (insert, r) -> insert.bind(
                r.<String>getAs("step"), ((Timestamp) r.getAs("bucket")).toInstant(), r.<Integer>getAs("rank"),
                r.<String>getAs("term"), r.<String>getAs("kind"), r.<Long>getAs("posts"), r.<Double>getAs("score"),
                r.<Double>getAs("zscore"), r.<Double>getAs("poisson"), r.<Double>getAs("mean"), runId, writeTime));
    }

    private long baselines(Iterator<Row> rows, Instant asOf) throws InterruptedException {
        return insertEach(rows, Tables.RUN_BASELINES.insert(settings.keyspace(), "run_id, step, shard, term, kind, "
                + "mean, variance, observations, last_bucket, as_of", "USING TIMESTAMP ?"), (insert, r) -> {
            String term = r.getAs("term");
            return insert.bind(runId, r.<String>getAs("step"), BaselineShards.shardOf(term), term, r.<String>getAs("kind"),
                    r.<Double>getAs("mean"), r.<Double>getAs("variance"), r.<Long>getAs("observations"),
                    ((Timestamp) r.getAs("bucket")).toInstant(), asOf, writeTime);
        });
    }

    /** Each row bound to the insert {@code cql} and sent, a bounded number in flight; the rows written. */
    private long insertEach(Iterator<Row> rows, String cql, BiFunction<PreparedStatement, Row, BoundStatement> bind)
            throws InterruptedException {
        CqlSession session = Sessions.get(settings);
        PreparedStatement insert = session.prepare(cql);
        BoundedWrites writes = new BoundedWrites(session, MAX_IN_FLIGHT);
        while (rows.hasNext()) {
            writes.send(bind.apply(insert, rows.next()));
        }
        return writes.await();
    }
}
