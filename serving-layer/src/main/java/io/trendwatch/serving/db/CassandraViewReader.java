package io.trendwatch.serving.db;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.core.trend.TrendParams;
import io.trendwatch.serving.merge.Counts;
import io.trendwatch.store.Publications;
import io.trendwatch.core.view.ExamplePosts;
import io.trendwatch.store.views.BatchRun;
import io.trendwatch.store.views.ExampleRows;
import io.trendwatch.store.views.Layer;
import io.trendwatch.store.views.SpeedStatus;
import io.trendwatch.store.views.Tables;
import io.trendwatch.serving.merge.TimeRange;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The views as Cassandra holds them, read through the contract in {@code store.views}; statements are prepared once
 * per session. Series reads go through {@link ViewCache}, one asynchronous query per partition period.
 */
public final class CassandraViewReader implements ViewReader {

    /** Statements are written with this in place of the keyspace, filled in when they are prepared. */
    private static final String KS = "{ks}";
    private static final String COUNTS = "bucket, posts, positive, neutral, negative, unscored";
    // every statement's text is built (and its columns checked) once, not on each read
    private static final String BOUNDARY = Tables.BATCH_BOUNDARY.select(KS, "boundary, run_id, published_at, baselines_run",
            "scope = ? LIMIT 1");
    private static final Map<Layer, String> TOTALS = statements(l -> l.bucketTotals().select(KS, COUNTS,
            "step = ? AND period = ? AND bucket >= ? AND bucket < ?"));
    private static final Map<Layer, String> TERM_COUNTS = statements(l -> l.termCounts().select(KS, COUNTS,
            "term = ? AND step = ? AND period = ? AND bucket >= ? AND bucket < ?"));
    private static final Map<Layer, String> EXAMPLES = statements(l -> ExampleRows.selectHour(l, KS));
    private static final String RANKINGS = Tables.BATCH_RANKINGS.select(KS, "bucket, run_id, rank, term, kind, posts, score",
            "step = ? AND bucket = ?");
    private static final String PUBLISHED = Tables.PUBLISHED_RUNS.select(KS, "published_at", "run_id = ?");
    private static final String SPEED_TRENDING = Tables.SPEED_TRENDING.select(KS,
            "bucket, term, kind, posts, score, zscore, poisson", "step = ? AND bucket = ?");
    private static final String PREDICTIONS = Tables.TREND_PREDICTIONS.select(KS, "term, probability, model_version",
            "step = ? AND bucket = ? AND term IN ?");
    private static final String TOPICS = Tables.TOPICS_BY_DAY.select(KS, "topic, terms, weights, share, model_version", "day = ?");
    private static final String BATCH_RUN = BatchRun.select(KS);
    private static final String SPEED_STATUS = SpeedStatus.select(KS);
    private static final String PROMOTED = Tables.MODEL_PROMOTIONS.select(KS, "version", "name = ? LIMIT 1");
    private static final String MODEL_METRICS = Tables.MODELS.select(KS, "metrics", "name = ? AND version = ?");

    private final CassandraSessions sessions;
    private final Map<String, PreparedStatement> prepared = new ConcurrentHashMap<>();
    private final Map<String, Instant> published = new ConcurrentHashMap<>();
    private final Map<String, Long> unpublished = new ConcurrentHashMap<>();
    private volatile CqlSession preparedFor;

    public CassandraViewReader(CassandraSessions sessions) {
        this.sessions = sessions;
    }

    private String ks() {
        return sessions.settings().keyspace();
    }

    private BoundStatement bind(String cql, Object... values) {
        CqlSession s = sessions.session();
        if (preparedFor != s) {
            prepared.clear();
            preparedFor = s;
        }
        return prepared.computeIfAbsent(cql, q -> s.prepare(q.replace(KS, ks()))).bind(values);
    }

    /** The newest published boundary, if a batch run ever published one. */
    @Override
    public Optional<BoundaryRow> boundary() {
        Row r = sessions.session().execute(bind(BOUNDARY, Tables.BOUNDARY_SCOPE)).one();
        return r == null ? Optional.empty()
                : Optional.of(new BoundaryRow(r.getInstant("boundary"), r.getString("run_id"), r.getInstant("published_at"),
                r.getString("baselines_run")));
    }

    /**
     * The rows of one partition period of a term's counts ({@code term} empty: the all-post totals) within
     * {@code range}, which lies inside that period.
     */
    @Override
    public CompletionStage<NavigableMap<Instant, Counts>> partition(Layer view, String term, Granularity step, Instant period,
                                                                   TimeRange range) {
        BoundStatement stmt = term.isEmpty()
                ? bind(TOTALS.get(view),
                        step.label(), period, range.from(), range.to())
                : bind(TERM_COUNTS.get(view),
                        term, step.label(), period, range.from(), range.to());
        return readAll(sessions.session().executeAsync(stmt)).thenApply(rows -> {
            NavigableMap<Instant, Counts> out = new TreeMap<>();
            for (Row r : rows) {
                out.put(r.getInstant("bucket"), new Counts(r.getLong("posts"), r.getLong("positive"), r.getLong("neutral"),
                        r.getLong("negative"), r.getLong("unscored")));
            }
            return out;
        });
    }

    @Override
    public CompletionStage<NavigableMap<Instant, ExamplePosts.Example>> examples(Layer view, String term, Instant hour) {
        return readAll(sessions.session().executeAsync(bind(EXAMPLES.get(view), term, hour))).thenApply(rows -> {
            NavigableMap<Instant, ExamplePosts.Example> out = new TreeMap<>();
            rows.forEach(r -> out.put(ExampleRows.minute(r), ExampleRows.example(r)));
            return out;
        });
    }

    /**
     * Terms the batch layer ranked in the given buckets: in each, the ranking of the latest published run that
     * ranked it ({@link Publications#latestPublished}); rankings of a run not yet published are never read.
     */
    @Override
    public List<TrendRow> batchTrending(Granularity step, List<Instant> buckets) {
        List<BoundStatement> stmts = buckets.stream().map(b -> bind(RANKINGS, step.label(), b)).toList();
        Map<Instant, Map<String, List<TrendRow>>> byBucket = new TreeMap<>();
        all(stmts, r -> {
            List<TrendRow> rows = byBucket.computeIfAbsent(r.getInstant("bucket"), k -> new java.util.HashMap<>())
                    .computeIfAbsent(r.getString("run_id"), k -> new ArrayList<>());
            if (r.getInt("rank") != Publications.RANKED_MARK) {
                rows.add(new TrendRow(r.getString("term"), r.getString("kind"), r.getLong("posts"), r.getDouble("score"), true));
            }
        });
        List<TrendRow> out = new ArrayList<>();
        byBucket.values().forEach(runs -> out.addAll(Publications.latestPublished(runs, this::publishedAt)));
        return out;
    }

    /** When a run was published: a published run stays so (cached for good), an unpublished one is asked again after 1 s. */
    private Optional<Instant> publishedAt(String runId) {
        Instant at = published.get(runId);
        if (at != null) {
            return Optional.of(at);
        }
        Long askedAt = unpublished.get(runId);
        if (askedAt != null && System.nanoTime() - askedAt < 1_000_000_000L) {
            return Optional.empty();
        }
        Optional<Instant> read = Optional.ofNullable(sessions.session().execute(bind(PUBLISHED, runId)).one()).map(r -> r.getInstant(0));
        read.ifPresentOrElse(t -> {
            published.put(runId, t);
            unpublished.remove(runId);
        }, () -> unpublished.put(runId, System.nanoTime()));
        return read;
    }

    /** Terms the speed layer nominated, per bucket (every asked bucket is a key). */
    @Override
    public Map<Instant, List<TrendRow>> speedTrendingByBucket(Granularity step, List<Instant> buckets) {
        List<BoundStatement> stmts = buckets.stream().map(b -> bind(SPEED_TRENDING, step.label(), b)).toList();
        TrendParams params = TrendParams.DEFAULT;
        Map<Instant, List<TrendRow>> out = new TreeMap<>();
        buckets.forEach(b -> out.put(b, new ArrayList<>()));
        all(stmts, r -> out.get(r.getInstant("bucket")).add(new TrendRow(r.getString("term"), r.getString("kind"),
                r.getLong("posts"), r.getDouble("score"), params.passes(r.getLong("posts"), r.getDouble("zscore"), r.getDouble("poisson")))));
        return out;
    }

    /** The predictions made at the hour {@code bucket} for the given terms (terms without one are absent). */
    @Override
    public Map<String, Prediction> predictions(Instant bucket, List<String> terms) {
        Map<String, Prediction> out = new java.util.HashMap<>();
        if (terms.isEmpty()) {
            return out;
        }
        for (Row r : sessions.session().execute(bind(PREDICTIONS, Granularity.HOUR.label(), bucket, terms))) {
            out.put(r.getString("term"), new Prediction(bucket, r.getDouble("probability"), r.getString("model_version")));
        }
        return out;
    }

    @Override
    public List<Topic> topics(LocalDate day) {
        List<Topic> out = new ArrayList<>();
        for (Row r : sessions.session().execute(bind(TOPICS, day))) {
            out.add(new Topic(r.getInt("topic"), r.getList("terms", String.class), r.getList("weights", Double.class),
                    r.getDouble("share"), r.getString("model_version")));
        }
        return out;
    }

    @Override
    public Optional<BatchRun> batchRun(String runId) {
        return Optional.ofNullable(sessions.session().execute(bind(BATCH_RUN, runId)).one()).map(BatchRun::of);
    }

    @Override
    public Optional<SpeedStatus> speedStatus(String query) {
        return Optional.ofNullable(sessions.session().execute(bind(SPEED_STATUS, query)).one()).map(SpeedStatus::of);
    }

    @Override
    public Optional<String> promotedModel(String name) {
        Row r = sessions.session().execute(bind(PROMOTED, name)).one();
        return r == null ? Optional.empty() : Optional.of(r.getString("version"));
    }

    @Override
    public Map<String, Double> modelMetrics(String name, String version) {
        Row r = sessions.session().execute(bind(MODEL_METRICS, name, version)).one();
        return r == null ? Map.of() : r.getMap("metrics", String.class, Double.class);
    }

    @Override
    public void ping() {
        sessions.session().execute(bind("SELECT release_version FROM system.local"));
    }


    private static Map<Layer, String> statements(Function<Layer, String> of) {
        Map<Layer, String> out = new EnumMap<>(Layer.class);
        for (Layer l : Layer.values()) {
            out.put(l, of.apply(l));
        }
        return out;
    }

    /** Runs the statements concurrently and hands every row to the consumer (on this thread). */
    private void all(List<BoundStatement> stmts, Consumer<Row> sink) {
        CqlSession s = sessions.session();
        List<CompletableFuture<List<Row>>> futures = new ArrayList<>();
        for (BoundStatement st : stmts) {
            futures.add(readAll(s.executeAsync(st)).toCompletableFuture());
        }
        for (CompletableFuture<List<Row>> f : futures) {
            Futures.join(f).forEach(sink);
        }
    }

    private static CompletionStage<List<Row>> readAll(CompletionStage<AsyncResultSet> first) {
        return first.thenCompose(rs -> {
            List<Row> rows = new ArrayList<>();
            rs.currentPage().forEach(rows::add);
            if (!rs.hasMorePages()) {
                return CompletableFuture.completedFuture(rows);
            }
            return readAll(rs.fetchNextPage()).thenApply(more -> {
                rows.addAll(more);
                return rows;
            });
        });
    }
}
