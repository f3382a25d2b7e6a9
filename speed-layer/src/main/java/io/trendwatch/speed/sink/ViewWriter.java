package io.trendwatch.speed.sink;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.trendwatch.core.text.PostTerms;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.core.trend.Baseline;
import io.trendwatch.core.trend.TrendParams;
import io.trendwatch.core.trend.TrendScore;
import io.trendwatch.core.trend.TrendScorer;
import io.trendwatch.store.BoundedWrites;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.ReplicaBatches;
import io.trendwatch.store.Sessions;
import io.trendwatch.store.views.CountUpserts;
import io.trendwatch.store.views.Layer;
import io.trendwatch.store.views.Tables;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Writes each micro-batch's updated (minute, term) counts to the speed views.
 * Every row holds the full current count of its bucket (update output mode),
 * and every write is an upsert: a replayed micro-batch writes the same values
 * again, so nothing is ever double counted. Writes are prepared, asynchronous,
 * bounded in flight and sent in unlogged batches of the partitions one replica
 * set owns ({@link ReplicaBatches}). A term that the shared scorer nominates against the
 * batch layer's minute baselines ({@link TrendScorer#nominates}) is written as a candidate of
 * its hour in {@link Tables#SPEED_TRENDING}, with its best minute's scores (the row of the most posts wins,
 * {@link Tables#SPEED_TRENDING_TIMESTAMP}): the API orders candidates by it and scores them over their window, on
 * both sides of the boundary alike.
 */
public final class ViewWriter implements VoidFunction2<Dataset<Row>, Long> {
    private static final long serialVersionUID = 1L;
    /** Rows per request (32; {@code -Dtrendwatch.rowsPerBatch=1} sends one row per request, for comparison). */
    private static final int ROWS_PER_BATCH = Math.max(1, Integer.getInteger("trendwatch.rowsPerBatch", 32));
    private static final int MAX_ROWS_IN_FLIGHT = 512;
    private static final String STEP = Granularity.MINUTE.label();
    private static final String HOUR = Granularity.HOUR.label();
    /**
     * The candidates written, by the write timestamp of their row: their best minute's posts. A candidate's row is
     * rewritten only when a minute of its hour beats that count, so it holds the term's best minute of the hour, which
     * the API orders candidates by ({@code TrendCandidates}); a term is written at most once per post of its best
     * minute an hour, not on every micro-batch that adds a post to its minute (a row for every supported term and
     * micro-batch raised the p99 freshness from 9.8 s to 22.0 s, docs/benchmarks.md).
     */
    private static final WrittenTimestamps CANDIDATES = new WrittenTimestamps(200_000, Duration.ofHours(3));

    private final CassandraSettings settings;
    private final TrendParams trendParams;
    private final LongAccumulator rowsWritten;
    private final Timestamp floor;

    public ViewWriter(CassandraSettings settings, TrendParams trendParams, LongAccumulator rowsWritten) {
        this(settings, trendParams, rowsWritten, Instant.EPOCH);
    }

    /** {@code floor}: minutes before it are not written (a replay over a trimmed topic, see {@code ReplayFloor}). */
    public ViewWriter(CassandraSettings settings, TrendParams trendParams, LongAccumulator rowsWritten, Instant floor) {
        this.settings = settings;
        this.trendParams = trendParams;
        this.rowsWritten = rowsWritten;
        this.floor = Timestamp.from(floor);
    }

    @Override
    public void call(Dataset<Row> updates, Long batchId) {
        CassandraSettings s = settings;
        TrendParams p = trendParams;
        LongAccumulator counter = rowsWritten;
        Dataset<Row> batch = floor.getTime() > 0 ? updates.filter(col("bucket").geq(lit(floor))) : updates;
        batch.persist();
        try {
            // the scores are of a term's share of its minute: every changed minute's total is in the batch
            Map<Instant, Long> totals = new HashMap<>();
            for (Row r : batch.filter(col("term").equalTo(PostTerms.TOTAL)).select("bucket", "posts").collectAsList()) {
                totals.put(((Timestamp) r.get(0)).toInstant(), r.getLong(1));
            }
            batch.foreachPartition((ForeachPartitionFunction<Row>) rows -> counter.add(write(s, p, totals, rows)));
        } finally {
            batch.unpersist();
        }
    }

    /** Writes one partition's rows; returns the number of Cassandra rows written. */
    static long write(CassandraSettings settings, TrendParams params, Map<Instant, Long> totals, Iterator<Row> rows)
            throws InterruptedException {
        CqlSession session = Sessions.get(settings);
        Statements st = Statements.of(session, settings.keyspace());
        TrendScorer scorer = new TrendScorer(params);
        ReplicaBatches writes = new ReplicaBatches(session, settings.keyspace(), new BoundedWrites(session, MAX_ROWS_IN_FLIGHT / ROWS_PER_BATCH), ROWS_PER_BATCH);
        Instant now = Instant.now();
        CountUpserts.SpeedStamp stamp = new CountUpserts.SpeedStamp(now);
        // a partition holds several minutes of an hour: only the best one of each (hour, term) is written
        Map<String, Nominated> nominated = new LinkedHashMap<>();
        while (rows.hasNext() && !writes.failed()) {
            Row r = rows.next();
            Instant bucket = ((Timestamp) r.getAs("bucket")).toInstant();
            String term = r.getAs("term");
            String kind = r.getAs("kind");
            long posts = r.getAs("posts");
            long positive = r.getAs("positive");
            long neutral = r.getAs("neutral");
            long negative = r.getAs("negative");
            long unscored = r.getAs("unscored");
            CountUpserts.Counts counts = new CountUpserts.Counts(posts, positive, neutral, negative, unscored);
            if (PostTerms.TOTAL.equals(term)) {
                writes.add(st.counts.total(Granularity.MINUTE, bucket, counts, stamp));
                continue;
            }
            writes.add(st.counts.term(term, kind, Granularity.MINUTE, bucket, counts, stamp));
            if (posts >= TrendScorer.NOMINATION_SUPPORT) {
                long total = totals.getOrDefault(bucket, posts);
                Baseline baseline = BaselineCache.get(settings, STEP, term);
                if (scorer.nominates(posts, total, baseline)) {
                    Instant hour = Granularity.HOUR.bucketStart(bucket);
                    if (CANDIDATES.changes(hour, term, posts)) {
                        nominated.merge(hour.toEpochMilli() + "|" + term, new Nominated(hour, term, kind, posts, total, baseline),
                                (a, b) -> a.posts() >= b.posts() ? a : b);
                    }
                }
            }
        }
        for (Nominated n : nominated.values()) {
            // a candidate of its hour, where the API looks for the candidates of a window; written at the timestamp
            // of its posts, so whatever the order of the writes (tasks, retries, restarts) the best minute stays
            TrendScore score = scorer.score(n.posts(), Math.max(n.total(), n.posts()), n.baseline());
            writes.add(st.trending.bind(HOUR, n.hour(), n.term(), n.kind(), n.posts(), score.zscore(), score.zscore(),
                    score.surprise(), score.expected(), now, n.posts()));
        }
        // a failed write fails the task: Spark retries it, and the upserts make the retry harmless
        long written = writes.finish();
        nominated.values().forEach(n -> CANDIDATES.written(n.hour(), n.term(), n.posts()));
        return written;
    }

    private record Nominated(Instant hour, String term, String kind, long posts, long total, Baseline baseline) {
    }

    /** The prepared upserts, prepared once per session and keyspace. */
    private record Statements(CountUpserts counts, PreparedStatement trending) {
        private static final Map<String, Statements> CACHE = new ConcurrentHashMap<>();

        static Statements of(CqlSession session, String ks) {
            return CACHE.computeIfAbsent(System.identityHashCode(session) + "/" + ks, k -> new Statements(
                    CountUpserts.prepare(session, ks, Layer.SPEED),
                    session.prepare(Tables.SPEED_TRENDING.insert(ks, "step, bucket, term, kind, posts, score, "
                            + "zscore, poisson, baseline, updated_at", Tables.SPEED_TRENDING_TIMESTAMP))));
        }
    }
}
