package io.trendwatch.batch.run;

import io.trendwatch.batch.master.MasterDataset;
import io.trendwatch.batch.views.BatchViewWriter;
import io.trendwatch.batch.views.RecomputePlan;
import io.trendwatch.batch.views.SSTableViewLoad;
import io.trendwatch.batch.views.TermCounting;
import io.trendwatch.batch.views.TermExamples;
import io.trendwatch.batch.views.TrendRanking;
import io.trendwatch.batch.views.ViewLoad;
import io.trendwatch.core.sentiment.SentimentScorer;
import io.trendwatch.core.text.PostTerms;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.core.trend.TrendParams;
import io.trendwatch.core.view.ViewPolicy;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.Publications;
import io.trendwatch.store.Sessions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

/**
 * One recompute of the batch views for a {@link RecomputePlan}: read the
 * master dataset, count, score, write every view row, ranking and baseline
 * under the run, and only then publish the run (and, for a nightly run, its
 * boundary) in one write. A job that dies before that leaves readers on the
 * runs published before, boundary, rankings and baselines alike (its run
 * record stays {@code running} or becomes {@code failed}).
 */
public final class BatchJob {

    private static final Logger LOG = LoggerFactory.getLogger(BatchJob.class);

    /** What a job did. */
    public record Result(String runId, RecomputePlan plan, long inputPosts, long rowsWritten, long durationMs) {
    }

    /** Settings of the recompute that are not part of the plan. */
    public record Settings(ViewPolicy policy, TrendParams trendParams, int trendingLimit, ViewLoad viewLoad) {
        public static final Settings DEFAULT = new Settings(ViewPolicy.DEFAULT, TrendParams.DEFAULT, 50, ViewLoad.DRIVER);

        public Settings withViewLoad(ViewLoad load) {
            return new Settings(policy, trendParams, trendingLimit, load);
        }
    }

    private final SparkSession spark;
    private final MasterDataset master;
    private final CassandraSettings cassandra;
    private final Settings settings;
    private final SentimentScorer sentiment;
    private Runnable beforePublish = () -> { };

    public BatchJob(SparkSession spark, MasterDataset master, CassandraSettings cassandra, Settings settings,
                    SentimentScorer sentiment) {
        this.spark = spark;
        this.master = master;
        this.cassandra = cassandra;
        this.settings = settings;
        this.sentiment = sentiment;
    }

    /** Called after every row is written and before the run is published (tests fail a run here). */
    public BatchJob beforePublish(Runnable hook) {
        this.beforePublish = hook;
        return this;
    }

    public RunRecords records() {
        return new RunRecords(Sessions.get(cassandra), cassandra.keyspace());
    }

    public Result run(RecomputePlan plan) throws IOException, InterruptedException {
        String runId = (plan.publishes() ? "run-" : "backfill-") + plan.boundary().truncatedTo(ChronoUnit.MINUTES)
                + "-" + UUID.randomUUID().toString().substring(0, 8);
        if (settings.viewLoad() instanceof ViewLoad.SSTables bulk) {
            new SSTableViewLoad(cassandra, bulk).checkReady();   // before any work, not after the counting
        }
        Instant started = Instant.now();
        RunRecords records = records();
        records.started(runId, plan.boundary(), plan.publishes() ? plan.boundary() : null, started, sentiment.version());
        LOG.info("{}: rewriting [{}, {}), minutes from {}, reading from {}", runId, plan.viewsFrom(), plan.viewsTo(),
                plan.minuteFrom(), plan.readFrom());
        try {
            long[] totals = compute(plan, runId, ChronoUnit.MICROS.between(Instant.EPOCH, started));
            records.finished(runId, "written", totals[0], totals[1], Instant.now(), elapsed(started));
            beforePublish.run();
            Publications publications = new Publications(Sessions.get(cassandra), cassandra.keyspace());
            if (plan.publishes()) {
                publications.publishBoundary(plan.boundary(), runId, Instant.now());
                publications.dropOldBaselines(List.of(Granularity.MINUTE.label(), Granularity.HOUR.label(),
                        Granularity.DAY.label()));
            } else {
                publications.publishRun(runId, Instant.now());
            }
            long duration = elapsed(started);
            records.finished(runId, plan.publishes() ? "published" : "completed", totals[0], totals[1], Instant.now(), duration);
            LOG.info("{}: {} posts, {} rows written in {} ms{}", runId, totals[0], totals[1], duration,
                    plan.publishes() ? ", boundary " + plan.boundary() + " published" : "");
            return new Result(runId, plan, totals[0], totals[1], duration);
        } catch (RuntimeException | IOException | InterruptedException e) {
            try {
                records.failed(runId, String.valueOf(e.getMessage()), Instant.now());
            } catch (RuntimeException recordFailure) {
                e.addSuppressed(recordFailure);
            }
            throw e;
        }
    }

    /** Returns {input posts, rows written}. */
    private long[] compute(RecomputePlan plan, String runId, long writeTime) throws IOException, InterruptedException {
        LongAccumulator rows = spark.sparkContext().longAccumulator("rows-written");
        BatchViewWriter writer = new BatchViewWriter(cassandra, runId, writeTime, rows);
        Dataset<Row> posts = master.read(spark, plan.readFrom(), plan.viewsTo());
        Dataset<Row> counts = TermCounting.bucketCounts(posts, plan, sentiment).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> hourly = TermCounting.rollUp(counts, Granularity.HOUR).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> daily = TermCounting.rollUp(hourly, Granularity.DAY).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> minutes = TermCounting.minutes(counts);
        try {
            Dataset<Row> viewRows = TermCounting.viewRows(minutes, hourly, daily, plan, settings.policy());
            Dataset<Row> examples = TermExamples.minuteExamples(posts, plan.minuteFrom(), plan.viewsTo(), sentiment);
            long loaded = 0;
            if (settings.viewLoad() instanceof ViewLoad.SSTables bulk) {
                loaded = new SSTableViewLoad(cassandra, bulk).load(viewRows, examples, runId, writeTime);
            } else {
                writer.writeCounts(viewRows);
                writer.writeExamples(examples);
            }

            Instant hourEnd = Granularity.HOUR.bucketStart(plan.viewsTo());
            Instant dayEnd = Granularity.DAY.bucketStart(plan.viewsTo());
            Dataset<Row> scored = TrendRanking.score(hourly, Granularity.HOUR, plan.viewsFrom(), hourEnd, plan.history(), settings.trendParams())
                    .union(TrendRanking.score(daily, Granularity.DAY, plan.viewsFrom(), dayEnd, plan.history(), settings.trendParams()));
            if (plan.publishes()) {
                // the minute baselines only serve the speed layer; nothing ranks minutes
                scored = scored.union(TrendRanking.score(minutes, Granularity.MINUTE, plan.viewsTo(), plan.viewsTo(),
                        RecomputePlan.MINUTE_HISTORY, settings.trendParams()));
            }
            scored = scored.persist(StorageLevel.MEMORY_AND_DISK());
            Dataset<Row> top = TrendRanking.top(scored, settings.trendingLimit());
            LOG.info("{}: writing rankings and baselines (seen once the run is published)", runId);
            writer.writeTrending(top.filter(col("step").equalTo("hour")), Granularity.HOUR,
                    bucketsWithPosts(hourly, plan.viewsFrom(), hourEnd));
            writer.writeTrending(top.filter(col("step").equalTo("day")), Granularity.DAY,
                    bucketsWithPosts(daily, plan.viewsFrom(), dayEnd));
            if (plan.publishes()) {
                writer.writeBaselines(TrendRanking.baselines(scored), plan.boundary());
            }
            scored.unpersist();
            Row input = counts.filter(col("term").equalTo(PostTerms.TOTAL)
                            .and(col("bucket").geq(Timestamp.from(plan.viewsFrom())))
                            .and(col("bucket").lt(Timestamp.from(plan.viewsTo()))))
                    .agg(sum("posts")).first();
            return new long[]{input.isNullAt(0) ? 0 : input.getLong(0), rows.value() + loaded};
        } finally {
            daily.unpersist();
            hourly.unpersist();
            counts.unpersist();
        }
    }

    /**
     * The buckets of [from, to) that hold posts: the only ones this run or any earlier one can have ranked, since the
     * master dataset only grows. A run marks these as ranked, not every hour of its range (a first run over 2011-2026
     * would mark some 135,000 empty hours).
     */
    private static List<Instant> bucketsWithPosts(Dataset<Row> counts, Instant from, Instant to) {
        return counts.filter(col("term").equalTo(PostTerms.TOTAL)
                        .and(col("bucket").geq(Timestamp.from(from))).and(col("bucket").lt(Timestamp.from(to))))
                .select("bucket").collectAsList().stream().map(r -> ((Timestamp) r.get(0)).toInstant()).sorted().toList();
    }

    private static long elapsed(Instant since) {
        return java.time.Duration.between(since, Instant.now()).toMillis();
    }
}
