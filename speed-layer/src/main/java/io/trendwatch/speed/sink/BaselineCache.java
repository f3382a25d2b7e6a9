package io.trendwatch.speed.sink;

import com.datastax.oss.driver.api.core.CqlSession;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.trendwatch.core.trend.Baseline;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.Publications;
import io.trendwatch.store.Sessions;

import java.time.Duration;
import java.util.Map;

/**
 * The batch layer's minute baselines: those of the run the published boundary
 * names, loaded whole per (keyspace, step) and reloaded every few minutes (a
 * nightly run publishes them with its boundary), so a new run's baselines are
 * picked up without a restart and a run still writing its own is never read.
 * The old map answers while the new one loads. A term without a baseline is
 * scored against {@link Baseline#EMPTY}. One per JVM: the writer runs in
 * Spark tasks, which share nothing else.
 */
final class BaselineCache {

    private static final Duration REFRESH = Duration.ofMinutes(5);

    private record Key(CassandraSettings settings, String step) {
    }

    private static final LoadingCache<Key, Map<String, Baseline>> BASELINES = Caffeine.newBuilder()
            .maximumSize(16)
            .refreshAfterWrite(REFRESH)
            .build(k -> load(Sessions.get(k.settings()), k.settings().keyspace(), k.step()));

    private BaselineCache() {
    }

    static Baseline get(CassandraSettings settings, String step, String term) {
        return BASELINES.get(new Key(settings, step)).getOrDefault(term, Baseline.EMPTY);
    }

    private static Map<String, Baseline> load(CqlSession session, String keyspace, String step) {
        Publications publications = new Publications(session, keyspace);
        return publications.current().map(Publications.Publication::baselinesRun)
                .map(run -> Map.copyOf(publications.baselines(run, step)))
                .orElse(Map.of());
    }
}
