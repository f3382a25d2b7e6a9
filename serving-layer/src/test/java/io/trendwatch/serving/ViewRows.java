package io.trendwatch.serving;

import com.datastax.oss.driver.api.core.CqlSession;
import io.trendwatch.core.text.Term;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.store.views.Layer;
import io.trendwatch.core.view.ExamplePosts;
import io.trendwatch.store.views.CountUpserts;
import io.trendwatch.store.views.ExampleRows;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Writes view rows for the serving layer's tests as the layers write them: through the tables contract, each row a
 * bucket's full counts in its period's partition ({@link CountUpserts}). The batch rows name a run and are written now.
 */
public final class ViewRows {

    /** The run the batch rows of a test name. */
    public static final String RUN = "run-1";

    private final CqlSession session;
    private final Map<Layer, CountUpserts> upserts = new EnumMap<>(Layer.class);
    private final Map<Layer, ExampleRows> examples = new EnumMap<>(Layer.class);

    public ViewRows(CqlSession session, String keyspace) {
        this.session = session;
        for (Layer layer : Layer.values()) {
            upserts.put(layer, CountUpserts.prepare(session, keyspace, layer));
            examples.put(layer, ExampleRows.prepare(session, keyspace, layer));
        }
    }

    /** A term's counts of one bucket. */
    public void term(Layer layer, String term, Granularity step, Instant bucket, long posts, long positive, long neutral,
                     long negative, long unscored) {
        String kind = Term.parse(term).orElseThrow(() -> new IllegalArgumentException("not a term: " + term)).kind().label();
        session.execute(upserts.get(layer).term(term, kind, step, bucket,
                new CountUpserts.Counts(posts, positive, neutral, negative, unscored), stamp(layer)));
    }

    /** All posts of one bucket. */
    public void total(Layer layer, Granularity step, Instant bucket, long posts, long positive, long neutral, long negative,
                      long unscored) {
        session.execute(upserts.get(layer).total(step, bucket,
                new CountUpserts.Counts(posts, positive, neutral, negative, unscored), stamp(layer)));
    }

    /** A term's example post of one minute. */
    public void example(Layer layer, String term, Instant minute, ExamplePosts.Example example) {
        session.execute(examples.get(layer).upsert(term, minute, example, stamp(layer)));
    }

    private static CountUpserts.Stamp stamp(Layer layer) {
        Instant now = Instant.now();
        return layer == Layer.BATCH
                ? new CountUpserts.BatchStamp(RUN, now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000, 0)
                : new CountUpserts.SpeedStamp(now);
    }
}
