package io.trendwatch.speed.sink;

import com.datastax.oss.driver.api.core.CqlSession;
import io.trendwatch.core.view.ExamplePosts;
import io.trendwatch.speed.pipeline.ExampleCandidates;
import io.trendwatch.store.BoundedWrites;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.ReplicaBatches;
import io.trendwatch.store.Sessions;
import io.trendwatch.store.views.CountUpserts;
import io.trendwatch.store.views.ExampleRows;
import io.trendwatch.store.views.Layer;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Writes each micro-batch's candidate examples ({@link ExampleCandidates}) to the speed examples. A partition's
 * candidates are reduced to the smallest (rank, id) of each (minute, term) ({@link ExamplePosts#ORDER}), and each is
 * written at the write timestamp of its rank ({@link ExampleRows#speedWriteTime}): Cassandra keeps the smallest rank
 * of a minute across partitions, micro-batches and replays, so the row is the minute's example of the posts seen so
 * far whatever the order they came in. A candidate is not sent when this executor has already written one of a
 * rank not larger ({@link WrittenTimestamps}).
 */
public final class ExampleWriter implements VoidFunction2<Dataset<Row>, Long> {
    private static final long serialVersionUID = 1L;
    private static final int ROWS_PER_BATCH = 32;
    private static final int MAX_ROWS_IN_FLIGHT = 512;
    private static final WrittenTimestamps WRITTEN = new WrittenTimestamps(500_000, Duration.ofHours(1));

    private final CassandraSettings settings;
    private final LongAccumulator rowsWritten;
    private final Timestamp floor;

    /** {@code floor}: minutes before it are not written (a replay over a trimmed topic, see {@code ReplayFloor}). */
    public ExampleWriter(CassandraSettings settings, LongAccumulator rowsWritten, Instant floor) {
        this.settings = settings;
        this.rowsWritten = rowsWritten;
        this.floor = Timestamp.from(floor);
    }

    @Override
    public void call(Dataset<Row> candidates, Long batchId) {
        CassandraSettings s = settings;
        LongAccumulator counter = rowsWritten;
        Dataset<Row> batch = floor.getTime() > 0 ? candidates.filter(col("minute").geq(lit(floor))) : candidates;
        batch.foreachPartition((ForeachPartitionFunction<Row>) rows -> counter.add(write(s, rows)));
    }

    /** Writes one partition's candidates; returns the number of Cassandra rows written. */
    static long write(CassandraSettings settings, Iterator<Row> rows) throws InterruptedException {
        Map<Key, ExamplePosts.Example> smallest = smallestOfEachMinute(rows);
        CqlSession session = Sessions.get(settings);
        ExampleRows upserts = Statements.of(session, settings.keyspace());
        ReplicaBatches writes = new ReplicaBatches(session, settings.keyspace(),
                new BoundedWrites(session, MAX_ROWS_IN_FLIGHT / ROWS_PER_BATCH), ROWS_PER_BATCH);
        CountUpserts.SpeedStamp stamp = new CountUpserts.SpeedStamp(Instant.now());
        Map<Key, ExamplePosts.Example> sent = new HashMap<>();
        for (Map.Entry<Key, ExamplePosts.Example> e : smallest.entrySet()) {
            if (writes.failed()) {
                break;
            }
            Key k = e.getKey();
            if (WRITTEN.changes(k.minute(), k.term(), ExampleRows.speedWriteTime(e.getValue().rank()))) {
                writes.add(upserts.upsert(k.term(), k.minute(), e.getValue(), stamp));
                sent.put(k, e.getValue());
            }
        }
        // a failed write fails the task: Spark retries it, and the timestamps make the retry harmless
        long written = writes.finish();
        sent.forEach((k, e) -> WRITTEN.written(k.minute(), k.term(), ExampleRows.speedWriteTime(e.rank())));
        return written;
    }

    /** The candidate of the smallest (rank, id) of each (minute, term) among {@code rows}. */
    static Map<Key, ExamplePosts.Example> smallestOfEachMinute(Iterator<Row> rows) {
        Map<Key, ExamplePosts.Example> smallest = new HashMap<>();
        while (rows.hasNext()) {
            Row r = rows.next();
            Key k = new Key(((Timestamp) r.get(0)).toInstant(), r.getString(1));
            smallest.merge(k, ExampleCandidates.example(r), (a, b) -> ExamplePosts.ORDER.compare(a, b) <= 0 ? a : b);
        }
        return smallest;
    }

    record Key(Instant minute, String term) {
    }

    /** The prepared upsert, prepared once per session and keyspace. */
    private static final class Statements {
        private static final Map<String, ExampleRows> CACHE = new ConcurrentHashMap<>();

        static ExampleRows of(CqlSession session, String ks) {
            return CACHE.computeIfAbsent(System.identityHashCode(session) + "/" + ks,
                    k -> ExampleRows.prepare(session, ks, Layer.SPEED));
        }
    }
}
