package io.trendwatch.store.views;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.trendwatch.core.time.Granularity;

import java.time.Instant;

/**
 * The typed upserts of one layer's count views: a term's counts and a bucket's totals. Each row holds a bucket's
 * full counts in its period's partition, the period computed here from the step (so no writer computes it), and ends
 * with what the layer stamps on its writes ({@link Stamp}): the batch layer its run, write time and TTL, the speed
 * layer its write time. Upserts, never increments: writing a bucket again replaces it.
 */
public record CountUpserts(Layer layer, PreparedStatement termUpsert, PreparedStatement totalUpsert) {

    /** A bucket's posts and their sentiment split. */
    public record Counts(long posts, long positive, long neutral, long negative, long unscored) {
    }

    /** What a layer stamps on the rows it writes. */
    public sealed interface Stamp permits BatchStamp, SpeedStamp {
    }

    /**
     * @param runId           the run the rows belong to
     * @param writeTimeMicros the write timestamp: one per run, so a later run's rows win and an older one's never do
     * @param ttlSeconds      0 for none
     */
    public record BatchStamp(String runId, long writeTimeMicros, int ttlSeconds) implements Stamp {
    }

    public record SpeedStamp(Instant updatedAt) implements Stamp {
    }

    private static final String COUNTS = "posts, positive, neutral, negative, unscored";

    public static CountUpserts prepare(CqlSession session, String keyspace, Layer layer) {
        return new CountUpserts(layer, session.prepare(termInsert(keyspace, layer)), session.prepare(totalInsert(keyspace, layer)));
    }

    /**
     * The upsert of a term's counts: term, step, period, bucket, kind, the counts, then the batch layer's run id, write
     * timestamp and TTL, or the speed layer's write time. Bulk loads bind the same statement.
     */
    public static String termInsert(String keyspace, Layer layer) {
        return layer == Layer.BATCH
                ? layer.termCounts().insert(keyspace, "term, step, period, bucket, kind, " + COUNTS + ", run_id",
                "USING TIMESTAMP ? AND TTL ?")
                : layer.termCounts().insert(keyspace, "term, step, period, bucket, kind, " + COUNTS + ", updated_at");
    }

    /** The upsert of a bucket's totals: step, period, bucket, the counts, then what the layer stamps, as above. */
    public static String totalInsert(String keyspace, Layer layer) {
        return layer == Layer.BATCH
                ? layer.bucketTotals().insert(keyspace, "step, period, bucket, " + COUNTS + ", run_id", "USING TIMESTAMP ? AND TTL ?")
                : layer.bucketTotals().insert(keyspace, "step, period, bucket, " + COUNTS + ", updated_at");
    }

    /** The values {@link #termInsert} binds for a batch row, in its order: what a bulk load stages as well. */
    public static Object[] batchTermValues(String term, String kind, Granularity step, Instant bucket, Counts c, BatchStamp b) {
        return new Object[]{term, step.label(), step.periodStart(bucket), bucket, kind, c.posts(), c.positive(),
                c.neutral(), c.negative(), c.unscored(), b.runId(), b.writeTimeMicros(), b.ttlSeconds()};
    }

    /** The values {@link #totalInsert} binds for a batch row, in its order. */
    public static Object[] batchTotalValues(Granularity step, Instant bucket, Counts c, BatchStamp b) {
        return new Object[]{step.label(), step.periodStart(bucket), bucket, c.posts(), c.positive(), c.neutral(),
                c.negative(), c.unscored(), b.runId(), b.writeTimeMicros(), b.ttlSeconds()};
    }

    /** A term's counts in one bucket. */
    public BoundStatement term(String term, String kind, Granularity step, Instant bucket, Counts c, Stamp stamp) {
        checkLayer(stamp);
        if (stamp instanceof BatchStamp b) {
            return termUpsert.bind(batchTermValues(term, kind, step, bucket, c, b));
        }
        return termUpsert.bind(term, step.label(), step.periodStart(bucket), bucket, kind, c.posts(), c.positive(),
                c.neutral(), c.negative(), c.unscored(), ((SpeedStamp) stamp).updatedAt());
    }

    /** All posts of one bucket. */
    public BoundStatement total(Granularity step, Instant bucket, Counts c, Stamp stamp) {
        checkLayer(stamp);
        if (stamp instanceof BatchStamp b) {
            return totalUpsert.bind(batchTotalValues(step, bucket, c, b));
        }
        return totalUpsert.bind(step.label(), step.periodStart(bucket), bucket, c.posts(), c.positive(), c.neutral(),
                c.negative(), c.unscored(), ((SpeedStamp) stamp).updatedAt());
    }

    private void checkLayer(Stamp stamp) {
        if ((layer == Layer.BATCH) != (stamp instanceof BatchStamp)) {
            throw new IllegalArgumentException(layer + " rows take a " + (layer == Layer.BATCH ? "BatchStamp" : "SpeedStamp"));
        }
    }
}
