package io.trendwatch.serving;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.trendwatch.core.text.Term;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.store.views.Layer;
import io.trendwatch.store.views.Tables;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Writes view rows for the serving layer's tests as the layers write them: through the tables contract, each row a
 * bucket's full counts in its period's partition. The batch rows name a run, the speed rows none (as after a TTL'd
 * upsert the API never reads them).
 */
public final class ViewRows {

    /** The run the batch rows of a test name. */
    public static final String RUN = "run-1";

    private final CqlSession session;
    private final Map<Layer, PreparedStatement> termCounts = new EnumMap<>(Layer.class);
    private final Map<Layer, PreparedStatement> totals = new EnumMap<>(Layer.class);

    public ViewRows(CqlSession session, String keyspace) {
        this.session = session;
        termCounts.put(Layer.BATCH, session.prepare(Tables.BATCH_TERM_COUNTS.insert(keyspace,
                "term, step, period, bucket, kind, posts, positive, neutral, negative, unscored, run_id")));
        termCounts.put(Layer.SPEED, session.prepare(Tables.SPEED_TERM_COUNTS.insert(keyspace,
                "term, step, period, bucket, kind, posts, positive, neutral, negative, unscored")));
        totals.put(Layer.BATCH, session.prepare(Tables.BATCH_BUCKET_TOTALS.insert(keyspace,
                "step, period, bucket, posts, positive, neutral, negative, unscored, run_id")));
        totals.put(Layer.SPEED, session.prepare(Tables.SPEED_BUCKET_TOTALS.insert(keyspace,
                "step, period, bucket, posts, positive, neutral, negative, unscored")));
    }

    /** A term's counts of one bucket. */
    public void term(Layer layer, String term, Granularity step, Instant bucket, long posts, long positive, long neutral,
                     long negative, long unscored) {
        String kind = Term.parse(term).orElseThrow(() -> new IllegalArgumentException("not a term: " + term)).kind().label();
        session.execute(layer == Layer.BATCH
                ? termCounts.get(layer).bind(term, step.label(), step.periodStart(bucket), bucket, kind, posts, positive,
                neutral, negative, unscored, RUN)
                : termCounts.get(layer).bind(term, step.label(), step.periodStart(bucket), bucket, kind, posts, positive,
                neutral, negative, unscored));
    }

    /** All posts of one bucket. */
    public void total(Layer layer, Granularity step, Instant bucket, long posts, long positive, long neutral, long negative,
                      long unscored) {
        session.execute(layer == Layer.BATCH
                ? totals.get(layer).bind(step.label(), step.periodStart(bucket), bucket, posts, positive, neutral, negative,
                unscored, RUN)
                : totals.get(layer).bind(step.label(), step.periodStart(bucket), bucket, posts, positive, neutral, negative,
                unscored));
    }
}
