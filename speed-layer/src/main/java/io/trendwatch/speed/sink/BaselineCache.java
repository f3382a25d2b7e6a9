package io.trendwatch.speed.sink;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.trendwatch.core.trend.Baseline;
import io.trendwatch.core.trend.BaselineShards;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.Sessions;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The batch layer's minute baselines, loaded from {@code term_baselines} and
 * refreshed every few minutes (the batch publishes them once a night). A term
 * without a baseline is scored against {@link Baseline#EMPTY}.
 */
final class BaselineCache {

    private static final Duration REFRESH = Duration.ofMinutes(5);
    private static volatile Map<String, Baseline> baselines = Map.of();
    private static volatile long loadedAt = Long.MIN_VALUE;

    private BaselineCache() {
    }

    static Baseline get(CassandraSettings settings, String step, String term) {
        long now = System.nanoTime();
        if (loadedAt == Long.MIN_VALUE || now - loadedAt > REFRESH.toNanos()) {
            synchronized (BaselineCache.class) {
                if (loadedAt == Long.MIN_VALUE || now - loadedAt > REFRESH.toNanos()) {
                    baselines = load(Sessions.get(settings), settings.keyspace(), step);
                    loadedAt = System.nanoTime();
                }
            }
        }
        return baselines.getOrDefault(term, Baseline.EMPTY);
    }

    private static Map<String, Baseline> load(CqlSession session, String keyspace, String step) {
        Map<String, Baseline> out = new HashMap<>();
        var stmt = session.prepare("SELECT term, mean, variance, observations FROM " + keyspace
                + ".term_baselines WHERE step = ? AND shard = ?");
        for (int shard = 0; shard < BaselineShards.SHARDS; shard++) {
            for (Row r : session.execute(stmt.bind(step, shard))) {
                out.put(r.getString("term"), new Baseline(r.getDouble("mean"), r.getDouble("variance"), r.getLong("observations")));
            }
        }
        return Map.copyOf(out);
    }
}
