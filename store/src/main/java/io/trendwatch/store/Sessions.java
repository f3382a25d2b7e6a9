package io.trendwatch.store;

import com.datastax.oss.driver.api.core.CqlSession;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One driver session per JVM and settings: executors reuse it across tasks and micro-batches. */
public final class Sessions {

    private static final Map<CassandraSettings, CqlSession> OPEN = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Sessions::closeAll, "cassandra-sessions-close"));
    }

    private Sessions() {
    }

    public static CqlSession get(CassandraSettings settings) {
        return OPEN.computeIfAbsent(settings, CassandraConnector::connect);
    }

    public static void closeAll() {
        OPEN.values().forEach(s -> {
            try {
                s.close();
            } catch (RuntimeException ignored) {
                // closing at exit: nothing left to do with the error
            }
        });
        OPEN.clear();
    }
}
