package io.trendwatch.store.views;

import java.util.List;
import java.util.Set;

/**
 * The tables of the schema, the one place their names and columns are written in Java. Every layer, tool, benchmark
 * and test reads and writes them through these constants; {@code TablesMatchMigrationsTest} holds them equal to the
 * CQL migrations. Term counts and bucket totals exist once per layer with the same key and counts; see
 * {@link Layer}.
 */
public final class Tables {

    /** The {@code batch_boundary} scope of the views' boundary (the only scope). */
    public static final String BOUNDARY_SCOPE = "views";

    public static final Table BATCH_TERM_COUNTS = new Table("batch_term_counts",
            "term", "step", "period", "bucket", "kind", "posts", "positive", "neutral", "negative", "unscored", "run_id");
    public static final Table SPEED_TERM_COUNTS = new Table("speed_term_counts",
            "term", "step", "period", "bucket", "kind", "posts", "positive", "neutral", "negative", "unscored", "updated_at");
    public static final Table BATCH_BUCKET_TOTALS = new Table("batch_bucket_totals",
            "step", "period", "bucket", "posts", "positive", "neutral", "negative", "unscored", "run_id");
    public static final Table SPEED_BUCKET_TOTALS = new Table("speed_bucket_totals",
            "step", "period", "bucket", "posts", "positive", "neutral", "negative", "unscored", "updated_at");
    /** The speed layer's candidates of an hour, one row per term: its best minute of the hour. */
    public static final Table SPEED_TRENDING = new Table("speed_trending",
            "step", "bucket", "term", "kind", "posts", "score", "zscore", "poisson", "baseline", "updated_at");
    /**
     * How a {@link #SPEED_TRENDING} row is written: at the timestamp of its minute's posts, so that of all the minutes
     * written for an hour and term the one with the most posts wins, whatever order the writes land in (two tasks,
     * a retried task, a restart). The rows are never deleted (they expire by TTL), so no tombstone outranks them.
     */
    public static final String SPEED_TRENDING_TIMESTAMP = "USING TIMESTAMP ?";
    /** Rankings of a bucket under the run that ranked it, read once that run is published. */
    public static final Table BATCH_RANKINGS = new Table("batch_rankings",
            "step", "bucket", "run_id", "rank", "term", "kind", "posts", "score", "zscore", "poisson", "baseline");
    /** Baselines under the run that computed them, in force once the boundary names that run. */
    public static final Table RUN_BASELINES = new Table("run_baselines",
            "run_id", "step", "shard", "term", "kind", "mean", "variance", "observations", "last_bucket", "as_of");
    public static final Table PUBLISHED_RUNS = new Table("published_runs", "run_id", "published_at", "boundary");
    public static final Table BATCH_BOUNDARY = new Table("batch_boundary",
            "scope", "published_at", "boundary", "run_id", "baselines_run");
    public static final Table BATCH_RUNS = new Table("batch_runs", "run_id", "as_of", "boundary", "started_at",
            "finished_at", "status", "input_posts", "rows_written", "duration_ms", "model_version", "error");
    public static final Table SPEED_STATUS = new Table("speed_status", "query", "updated_at", "batch_id",
            "input_rows_per_second", "processed_rows_per_second", "batch_duration_ms", "lag_records", "dlq_records",
            "late_records", "max_event_time", "accepted_posts", "rows_written", "watermark", "state", "state_detail",
            "state_since", "lost_records");
    public static final Table TOPICS_BY_DAY = new Table("topics_by_day",
            "day", "topic", "terms", "weights", "share", "model_version");
    public static final Table TREND_PREDICTIONS = new Table("trend_predictions",
            "step", "bucket", "term", "probability", "model_version");
    public static final Table MODELS = new Table("models", "name", "version", "created_at", "train_from", "train_to",
            "params", "metrics", "artifact", "status");
    public static final Table MODEL_PROMOTIONS = new Table("model_promotions",
            "name", "promoted_at", "version", "metric_name", "metric", "forced");
    /** Named lists of terms with their alert rules and webhooks (both JSON), written through the API. */
    public static final Table WATCHLISTS = new Table("watchlists", "name", "terms", "rules", "webhooks", "updated_at");
    /** The latest alert episode of a (watchlist, term, rule), open while unresolved; changed by lightweight transactions. */
    public static final Table ALERT_OPEN = new Table("alert_open", "watchlist", "term", "rule_key", "started", "value",
            "resolved");
    /** The end of the last minute the alert evaluators evaluated, taken minute by minute by lightweight transactions. */
    public static final Table ALERT_PROGRESS = new Table("alert_progress", "scope", "evaluated_to");
    /** The {@link #ALERT_PROGRESS} scope of the watchlist evaluators. */
    public static final String ALERT_SCOPE = "alerts";
    /** Every alert episode of a watchlist, newest first. */
    public static final Table ALERT_HISTORY = new Table("alert_history",
            "watchlist", "started", "term", "rule_key", "value", "resolved", "resolved_value");
    /** Webhook messages of a watchlist in the order raised, retried until delivered. */
    public static final Table ALERT_DELIVERIES = new Table("alert_deliveries", "watchlist", "id", "url", "event", "body",
            "attempts", "next_attempt", "delivered_at", "last_error");

    /** Example posts of a term, one a minute (core {@code ExamplePosts}), in partitions of a term's hour. */
    public static final Table BATCH_TERM_EXAMPLES = new Table("batch_term_examples",
            "term", "hour", "minute", "rank", "id", "created_at", "text", "sentiment", "run_id");
    public static final Table SPEED_TERM_EXAMPLES = new Table("speed_term_examples",
            "term", "hour", "minute", "rank", "id", "created_at", "text", "sentiment", "updated_at");

    /**
     * Tables the first migration created that nothing reads or writes since rankings and baselines are kept per run
     * (V004); migrations never drop a table.
     */
    public static final Set<String> RETIRED = Set.of("batch_trending", "term_baselines");

    private Tables() {
    }

    public static List<Table> all() {
        return List.of(BATCH_TERM_COUNTS, SPEED_TERM_COUNTS, BATCH_BUCKET_TOTALS, SPEED_BUCKET_TOTALS, SPEED_TRENDING,
                BATCH_RANKINGS, RUN_BASELINES, PUBLISHED_RUNS, BATCH_BOUNDARY, BATCH_RUNS, SPEED_STATUS, TOPICS_BY_DAY,
                TREND_PREDICTIONS, MODELS, MODEL_PROMOTIONS, WATCHLISTS, ALERT_OPEN, ALERT_PROGRESS, ALERT_HISTORY,
                ALERT_DELIVERIES, BATCH_TERM_EXAMPLES, SPEED_TERM_EXAMPLES);
    }
}
