package io.trendwatch.speed.sink;

import com.datastax.oss.driver.api.core.CqlSession;
import io.trendwatch.core.trend.Baseline;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.Publications;
import io.trendwatch.store.Sessions;

import java.time.Duration;
import java.util.Map;

/**
 * The batch layer's minute baselines: those of the run the published boundary
 * names, loaded whole and refreshed every few minutes (a nightly run publishes
 * them with its boundary), so a new run's baselines are picked up without a
 * restart and a run still writing its own is never read. A term without a
 * baseline is scored against {@link Baseline#EMPTY}.
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
        Publications publications = new Publications(session, keyspace);
        return publications.current().map(Publications.Publication::baselinesRun)
                .map(run -> Map.copyOf(publications.baselines(run, step)))
                .orElse(Map.of());
    }
}
