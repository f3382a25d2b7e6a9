package io.trendwatch.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.trendwatch.core.trend.Baseline;
import io.trendwatch.core.trend.BaselineShards;
import io.trendwatch.store.views.Tables;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the batch layer has published, read and written in one place. A run's
 * per-run rows (rankings under its id, baselines under its id) are invisible
 * until the run is published: its row in {@link Tables#PUBLISHED_RUNS} and, for a
 * nightly run, the boundary row naming it, written as one logged batch. So a
 * reader sees all of a run or none of it, the old run's rows stay readable
 * until then, and a run that dies at any phase leaves readers where they were.
 */
public final class Publications {

    /** The boundary in force, the run that published it and the run whose baselines are in force. */
    public record Publication(Instant boundary, String runId, String baselinesRun, Instant publishedAt) {
    }

    /**
     * How long ago a boundary may have been published before the API's health check and the doctor call it stale:
     * a nightly run and a half.
     */
    public static final String MAX_BOUNDARY_AGE = "36h";

    private static final String SCOPE = Tables.BOUNDARY_SCOPE;
    /** The rank that marks "this run ranked this bucket" (no term). */
    public static final int RANKED_MARK = 0;

    private final CqlSession session;
    private final String ks;

    public Publications(CqlSession session, String keyspace) {
        this.session = session;
        this.ks = keyspace;
    }

    /** The latest publication, if a nightly run ever published. */
    public Optional<Publication> current() {
        Row r = session.execute(SimpleStatement.newInstance(Tables.BATCH_BOUNDARY.select(ks,
                "boundary, run_id, baselines_run, published_at", "scope = ? LIMIT 1"), SCOPE)).one();
        return Optional.ofNullable(r).map(x -> new Publication(x.getInstant("boundary"), x.getString("run_id"),
                x.getString("baselines_run"), x.getInstant("published_at")));
    }

    /** Makes a nightly run's boundary, rankings and baselines visible at once: the last write of the run. */
    public void publishBoundary(Instant boundary, String runId, Instant publishedAt) {
        session.execute(BatchStatement.newInstance(BatchType.LOGGED,
                SimpleStatement.newInstance(Tables.PUBLISHED_RUNS.insert(ks, "run_id, published_at, boundary"),
                        runId, publishedAt, boundary),
                SimpleStatement.newInstance(Tables.BATCH_BOUNDARY.insert(ks, "scope, published_at, boundary, run_id, baselines_run"),
                        SCOPE, publishedAt, boundary, runId, runId)));
    }

    /** Makes a backfill's rankings visible; the boundary and the baselines in force stay. */
    public void publishRun(String runId, Instant publishedAt) {
        session.execute(SimpleStatement.newInstance(Tables.PUBLISHED_RUNS.insert(ks, "run_id, published_at"),
                runId, publishedAt));
    }

    /** The baselines a run computed at {@code step} (all shards), term → baseline. */
    public Map<String, Baseline> baselines(String runId, String step) {
        Map<String, Baseline> out = new HashMap<>();
        var stmt = session.prepare(Tables.RUN_BASELINES.select(ks, "term, mean, variance, observations",
                "run_id = ? AND step = ? AND shard = ?"));
        for (int shard = 0; shard < BaselineShards.SHARDS; shard++) {
            for (Row r : session.execute(stmt.bind(runId, step, shard))) {
                out.put(r.getString("term"), new Baseline(r.getDouble("mean"), r.getDouble("variance"), r.getLong("observations")));
            }
        }
        return out;
    }

    /**
     * Deletes the baselines of the run that a publication has just pushed out of the two latest in force (the
     * one in force and the one before it stay: a reader may still be loading it). Each publication drops one,
     * so the history is read only as far back as the third.
     */
    public void dropOldBaselines(List<String> steps) {
        LinkedHashSet<String> runs = new LinkedHashSet<>();
        for (Row r : session.execute(SimpleStatement.newInstance(Tables.BATCH_BOUNDARY.select(ks, "baselines_run",
                "scope = ? LIMIT 10"), SCOPE))) {
            if (r.getString(0) != null) {
                runs.add(r.getString(0));
            }
        }
        List<String> old = new ArrayList<>(runs).subList(Math.min(2, runs.size()), Math.min(3, runs.size()));
        var delete = session.prepare(Tables.RUN_BASELINES.delete(ks, "run_id = ? AND step = ? AND shard = ?"));
        for (String run : old) {
            for (String step : steps) {
                for (int shard = 0; shard < BaselineShards.SHARDS; shard++) {
                    session.execute(delete.bind(run, step, shard));
                }
            }
        }
    }

    /**
     * Of the rankings of one bucket by several runs, those of the latest published run (rank marks dropped).
     *
     * @param rowsByRun   the bucket's rows, by the run that wrote them
     * @param publishedAt when a run was published (empty: not published, never read)
     */
    public static <R> List<R> latestPublished(Map<String, List<R>> rowsByRun, Function<String, Optional<Instant>> publishedAt) {
        String best = null;
        Instant bestAt = null;
        for (String run : rowsByRun.keySet()) {
            Optional<Instant> at = publishedAt.apply(run);
            if (at.isPresent() && (bestAt == null || at.get().isAfter(bestAt)
                    || (at.get().equals(bestAt) && run.compareTo(best) > 0))) {
                best = run;
                bestAt = at.get();
            }
        }
        return best == null ? List.of() : rowsByRun.get(best);
    }
}
