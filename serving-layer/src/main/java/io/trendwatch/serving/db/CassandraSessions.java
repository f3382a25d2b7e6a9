package io.trendwatch.serving.db;

import com.datastax.oss.driver.api.core.CqlSession;
import io.dropwizard.lifecycle.Managed;
import io.trendwatch.store.CassandraConnector;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.CassandraUnavailableException;
import io.trendwatch.store.SchemaMigrator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver session, opened at start if Cassandra is there and otherwise on
 * the first request after it comes up (at most one attempt every few seconds),
 * so the app starts, answers 503 while Cassandra is away and recovers by
 * itself. Once open, the driver reconnects to a restarted node on its own.
 */
public final class CassandraSessions implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(CassandraSessions.class);
    private static final long RETRY_NANOS = 3_000_000_000L;

    private final CassandraSettings settings;
    private final boolean migrate;
    private volatile CqlSession session;
    private volatile long lastAttempt = Long.MIN_VALUE;
    private volatile String lastError = "not connected yet";

    public CassandraSessions(CassandraSettings settings, boolean migrate) {
        this.settings = settings;
        this.migrate = migrate;
    }

    public CassandraSettings settings() {
        return settings;
    }

    @Override
    public void start() {
        try {
            session();
        } catch (CassandraUnavailableException e) {
            LOG.warn("starting without Cassandra: {}", e.getMessage());
        }
    }

    @Override
    public void stop() {
        CqlSession s = session;
        if (s != null) {
            s.close();
        }
    }

    /** The open session; throws {@link CassandraUnavailableException} (→ 503) while none can be had. */
    public CqlSession session() {
        CqlSession s = session;
        if (s != null) {
            return s;
        }
        synchronized (this) {
            if (session != null) {
                return session;
            }
            long now = System.nanoTime();
            if (lastAttempt != Long.MIN_VALUE && now - lastAttempt < RETRY_NANOS) {
                throw new CassandraUnavailableException("Cassandra is unavailable: " + lastError, null);
            }
            lastAttempt = now;
            try {
                CqlSession opened = CassandraConnector.connect(settings);
                if (migrate) {
                    new SchemaMigrator(opened, settings).migrate();
                }
                session = opened;
                LOG.info("connected to Cassandra at {}, keyspace {}", settings.describeContactPoints(), settings.keyspace());
                return opened;
            } catch (CassandraUnavailableException e) {
                lastError = e.getMessage();
                throw e;
            }
        }
    }
}
