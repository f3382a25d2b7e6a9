package io.trendwatch.store.views;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.core.view.ExamplePosts;

import java.time.Instant;

/**
 * A layer's term examples ({@link Layer#termExamples()}): the upsert of a term's example of a minute, in the
 * partition of the term's hour (computed here), and the read of an hour's examples. The batch layer writes a minute's
 * example once per run, stamped as its counts ({@link CountUpserts.BatchStamp}): a later run's row wins. The speed
 * layer writes every candidate it sees, at the write timestamp {@link #speedWriteTime} of the candidate's rank, so
 * Cassandra keeps the smallest rank of a minute ({@code ExamplePosts}) whatever the order of the writes: micro-batches,
 * tasks, retries and replays alike.
 */
public final class ExampleRows {

    /** The columns a read returns, in the order {@link #example} reads them. */
    public static final String COLUMNS = "minute, rank, id, created_at, text, sentiment";
    /** A read of one partition: binds term and hour. */
    public static final String HOUR_CONDITION = "term = ? AND hour = ?";
    /** The columns both layers write, before what each stamps them with. */
    private static final String COLUMNS_WRITTEN = "term, hour, minute, rank, id, created_at, text, sentiment, ";

    private final Layer layer;
    private final PreparedStatement upsert;

    private ExampleRows(Layer layer, PreparedStatement upsert) {
        this.layer = layer;
        this.upsert = upsert;
    }

    public static ExampleRows prepare(CqlSession session, String keyspace, Layer layer) {
        return new ExampleRows(layer, layer == Layer.BATCH
                ? session.prepare(batchInsert(keyspace))
                : session.prepare(layer.termExamples().insert(keyspace, COLUMNS_WRITTEN + "updated_at", "USING TIMESTAMP ?")));
    }

    /**
     * The batch layer's upsert of an example: term, hour, minute, the example, then the run id, write timestamp and
     * TTL. Bulk loads bind the same statement.
     */
    public static String batchInsert(String keyspace) {
        return Layer.BATCH.termExamples().insert(keyspace, COLUMNS_WRITTEN + "run_id", "USING TIMESTAMP ? AND TTL ?");
    }

    /** The values {@link #batchInsert} binds, in its order: what a bulk load stages as well. */
    public static Object[] batchValues(String term, Instant minute, ExamplePosts.Example e, CountUpserts.BatchStamp b) {
        return new Object[]{term, Granularity.HOUR.bucketStart(minute), minute, e.rank(), e.id(), e.createdAt(), e.text(),
                e.sentiment(), b.runId(), b.writeTimeMicros(), b.ttlSeconds()};
    }

    /** The example of {@code term} in the minute that starts at {@code minute}. */
    public BoundStatement upsert(String term, Instant minute, ExamplePosts.Example e, CountUpserts.Stamp stamp) {
        if (stamp instanceof CountUpserts.BatchStamp b && layer == Layer.BATCH) {
            return upsert.bind(batchValues(term, minute, e, b));
        }
        Instant hour = Granularity.HOUR.bucketStart(minute);
        if (stamp instanceof CountUpserts.SpeedStamp s && layer == Layer.SPEED) {
            return upsert.bind(term, hour, minute, e.rank(), e.id(), e.createdAt(), e.text(), e.sentiment(), s.updatedAt(),
                    speedWriteTime(e.rank()));
        }
        throw new IllegalArgumentException(layer + " examples take a " + (layer == Layer.BATCH ? "BatchStamp" : "SpeedStamp"));
    }

    /**
     * The write timestamp of a speed example: the smaller the rank, the later the write, so the smallest rank wins.
     * Ranks are non-negative, so these are at most 0: earlier than any write stamped with a clock.
     */
    public static long speedWriteTime(long rank) {
        if (rank < 0) {
            throw new IllegalArgumentException("a rank is non-negative: " + rank);
        }
        return -rank;
    }

    /** {@code SELECT} of one (term, hour) partition of a layer's examples, with {@link #COLUMNS}. */
    public static String selectHour(Layer layer, String keyspace) {
        return layer.termExamples().select(keyspace, COLUMNS, HOUR_CONDITION);
    }

    /** The minute a row of {@link #selectHour} is the example of. */
    public static Instant minute(Row row) {
        return row.getInstant(0);
    }

    /** The example a row of {@link #selectHour} holds. */
    public static ExamplePosts.Example example(Row row) {
        return new ExamplePosts.Example(row.getLong(1), row.getString(2), row.getInstant(3), row.getString(4), row.getString(5));
    }
}
