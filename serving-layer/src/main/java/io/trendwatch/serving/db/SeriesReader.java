package io.trendwatch.serving.db;

import io.trendwatch.core.time.Granularity;
import io.trendwatch.serving.merge.Counts;
import io.trendwatch.serving.merge.MergedPoint;
import io.trendwatch.serving.merge.ViewMerger;
import io.trendwatch.store.views.Layer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Reads the rows a merge plan names (all reads at once) and merges them: for a term, or for all posts. */
public final class SeriesReader {

    private static final String ALL_POSTS = "";

    private final ViewCache views;

    public SeriesReader(ViewCache views) {
        this.views = views;
    }

    /** The boundary to merge at: the published one, or the epoch when no batch run has published yet (all speed). */
    public Instant boundary() {
        return views.boundary();
    }

    public List<MergedPoint> term(String term, Granularity step, Instant from, Instant to, Instant boundary) {
        return merged(term, step, from, to, boundary);
    }

    public List<MergedPoint> totals(Granularity step, Instant from, Instant to, Instant boundary) {
        return merged(ALL_POSTS, step, from, to, boundary);
    }

    private List<MergedPoint> merged(String term, Granularity step, Instant from, Instant to, Instant boundary) {
        ViewMerger.ReadPlan plan = ViewMerger.plan(step, from, to, boundary);
        Instant b = plan.boundary();
        CompletableFuture<Map<Instant, Counts>> batch = views.read(Layer.BATCH, term, step, plan.batchAtStep(), b);
        CompletableFuture<Map<Instant, Counts>> batchHours =
                views.read(Layer.BATCH, term, Granularity.HOUR, plan.batchHours(), b);
        CompletableFuture<Map<Instant, Counts>> batchMinutes =
                views.read(Layer.BATCH, term, Granularity.MINUTE, plan.batchMinutes(), b);
        CompletableFuture<Map<Instant, Counts>> speed = views.read(Layer.SPEED, term, Granularity.MINUTE, plan.speedMinutes(), b);
        return ViewMerger.merge(plan, Futures.join(batch), Futures.join(batchHours), Futures.join(batchMinutes), Futures.join(speed));
    }
}
