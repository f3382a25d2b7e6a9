package io.trendwatch.serving.db;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
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
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * What the serving layer reads from the two layers' views, as typed rows. {@link CassandraViewReader} reads them
 * from Cassandra; the resources, the caches, the report and the health checks see only this.
 */
public interface ViewReader {

    /**
     * A candidate term of a bucket: {@code flagged} when the layer's own bucket passed the trend thresholds
     * (every batch ranking row; a speed row whose best minute did), else only nominated.
     */
    record TrendRow(String term, String kind, long posts, double score, boolean flagged) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Topic(int topic, List<String> terms, List<Double> weights, double share, String modelVersion) {
    }

    /** The trend model's probability, made at the end of {@code bucket}, that the term trends in the next hour. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Prediction(Instant bucket, double probability, String modelVersion) {
    }

    /** The boundary in force: batch answers before it, speed at and after it. */
    record BoundaryRow(Instant boundary, String runId, Instant publishedAt, String baselinesRun) {
    }

    /** The newest published boundary, if a batch run ever published one. */
    Optional<BoundaryRow> boundary();

    /**
     * The rows of one partition period of a term's counts in one layer's view ({@code term} empty: the all-post
     * totals) within {@code range}, which lies inside that period.
     */
    CompletionStage<NavigableMap<Instant, Counts>> partition(Layer view, String term, Granularity step, Instant period,
                                                            TimeRange range);

    /** A layer's examples of a term in one hour ({@code ExamplePosts}), by minute. */
    CompletionStage<NavigableMap<Instant, ExamplePosts.Example>> examples(Layer view, String term, Instant hour);

    /** Terms the batch layer ranked in the given buckets, from the latest published run that ranked each. */
    List<TrendRow> batchTrending(Granularity step, List<Instant> buckets);

    /** Terms the speed layer nominated, per bucket (every asked bucket is a key). */
    Map<Instant, List<TrendRow>> speedTrendingByBucket(Granularity step, List<Instant> buckets);

    /** Terms the speed layer nominated in the given buckets. */
    default List<TrendRow> speedTrending(Granularity step, List<Instant> buckets) {
        List<TrendRow> out = new ArrayList<>();
        speedTrendingByBucket(step, buckets).values().forEach(out::addAll);
        return out;
    }

    /** The predictions made at the hour {@code bucket} for the given terms (terms without one are absent). */
    Map<String, Prediction> predictions(Instant bucket, List<String> terms);

    List<Topic> topics(LocalDate day);

    Optional<BatchRun> batchRun(String runId);

    Optional<SpeedStatus> speedStatus(String query);

    Optional<String> promotedModel(String name);

    /** The metrics the registry records for a model version; empty when it records none. */
    Map<String, Double> modelMetrics(String name, String version);

    /** Fails when the store cannot be reached. */
    void ping();
}
