package io.trendwatch.serving.db;

import io.trendwatch.core.time.Granularity;
import io.trendwatch.core.view.ExamplePosts;
import io.trendwatch.serving.merge.Counts;
import io.trendwatch.serving.merge.TimeRange;
import io.trendwatch.store.views.BatchRun;
import io.trendwatch.store.views.Layer;
import io.trendwatch.store.views.SpeedStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Views held in memory, for resource tests without Cassandra. It answers what the tables would hold, rows on the
 * wrong side of the boundary included: choosing the side is the serving layer's work, not the store's.
 */
public final class InMemoryViews implements ViewReader {

    private final Map<String, NavigableMap<Instant, Counts>> counts = new HashMap<>();
    private final Map<String, List<TrendRow>> trending = new HashMap<>();
    private final Map<String, NavigableMap<Instant, ExamplePosts.Example>> examples = new HashMap<>();
    private final Map<String, BatchRun> runs = new HashMap<>();
    private final Map<String, SpeedStatus> status = new HashMap<>();
    private BoundaryRow boundary;
    private String promoted;
    private Map<String, Double> promotedMetrics = Map.of();

    public InMemoryViews boundary(Instant at, String runId) {
        boundary = new BoundaryRow(at, runId, at.plusSeconds(3_600), runId);
        return this;
    }

    /** A row of a layer's term counts ({@code term} empty: the all-post totals). */
    public InMemoryViews count(Layer layer, String term, Granularity step, Instant bucket, long posts, long positive,
                               long neutral, long negative) {
        counts.computeIfAbsent(key(layer, term, step), k -> new TreeMap<>())
                .put(bucket, new Counts(posts, positive, neutral, negative, posts - positive - neutral - negative));
        return this;
    }

    /** A layer's example of a term in a minute. */
    public InMemoryViews example(Layer layer, String term, Instant minute, ExamplePosts.Example e) {
        examples.computeIfAbsent(layer + "|" + term + "|" + Granularity.HOUR.bucketStart(minute), k -> new TreeMap<>())
                .put(minute, e);
        return this;
    }

    public InMemoryViews trending(Layer layer, Granularity step, Instant bucket, TrendRow row) {
        trending.computeIfAbsent(layer + "|" + step + "|" + bucket, k -> new ArrayList<>()).add(row);
        return this;
    }

    public InMemoryViews run(BatchRun run) {
        runs.put(run.runId(), run);
        return this;
    }

    public InMemoryViews status(SpeedStatus s) {
        status.put(s.query(), s);
        return this;
    }

    /** The sentiment model in use and the metrics its card records. */
    public InMemoryViews promoted(String version, Map<String, Double> metrics) {
        promoted = version;
        promotedMetrics = metrics;
        return this;
    }

    public InMemoryViews promoted(String version) {
        promoted = version;
        return this;
    }

    @Override
    public Optional<BoundaryRow> boundary() {
        return Optional.ofNullable(boundary);
    }

    @Override
    public CompletionStage<NavigableMap<Instant, Counts>> partition(Layer view, String term, Granularity step, Instant period,
                                                                   TimeRange range) {
        NavigableMap<Instant, Counts> rows = counts.getOrDefault(key(view, term, step), new TreeMap<>());
        return CompletableFuture.completedFuture(new TreeMap<>(rows.subMap(range.from(), true, range.to(), false)));
    }

    @Override
    public CompletionStage<NavigableMap<Instant, ExamplePosts.Example>> examples(Layer view, String term, Instant hour) {
        return CompletableFuture.completedFuture(new TreeMap<>(examples.getOrDefault(view + "|" + term + "|" + hour, new TreeMap<>())));
    }

    @Override
    public List<TrendRow> batchTrending(Granularity step, List<Instant> buckets) {
        List<TrendRow> out = new ArrayList<>();
        buckets.forEach(b -> out.addAll(trending.getOrDefault(Layer.BATCH + "|" + step + "|" + b, List.of())));
        return out;
    }

    @Override
    public Map<Instant, List<TrendRow>> speedTrendingByBucket(Granularity step, List<Instant> buckets) {
        Map<Instant, List<TrendRow>> out = new TreeMap<>();
        buckets.forEach(b -> out.put(b, new ArrayList<>(trending.getOrDefault(Layer.SPEED + "|" + step + "|" + b, List.of()))));
        return out;
    }

    @Override
    public Map<String, Prediction> predictions(Instant bucket, List<String> terms) {
        return Map.of();
    }

    @Override
    public List<Topic> topics(LocalDate day) {
        return List.of();
    }

    @Override
    public Optional<BatchRun> batchRun(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    @Override
    public Optional<SpeedStatus> speedStatus(String query) {
        return Optional.ofNullable(status.get(query));
    }

    @Override
    public Optional<String> promotedModel(String name) {
        return Optional.ofNullable(promoted);
    }

    @Override
    public Map<String, Double> modelMetrics(String name, String version) {
        return version.equals(promoted) ? promotedMetrics : Map.of();
    }

    @Override
    public void ping() {
    }

    private static String key(Layer layer, String term, Granularity step) {
        return layer + "|" + term + "|" + step;
    }
}
