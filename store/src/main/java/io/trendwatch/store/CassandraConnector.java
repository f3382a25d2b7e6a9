package io.trendwatch.store;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;

import java.net.InetSocketAddress;
import java.time.Duration;

/** Opens driver sessions and turns "nothing listens there" into a message a person can act on. */
public final class CassandraConnector {

    /**
     * Execution profile of {@link ReplicaBatches}: its unlogged batches span
     * partitions on purpose, and the server's warning about that would otherwise
     * be logged by the driver for every request.
     */
    public static final String GROUPED_WRITES_PROFILE = "grouped-writes";

    private CassandraConnector() {
    }

    /** A session without a keyspace (the migrator creates it); statements name the keyspace. */
    public static CqlSession connect(CassandraSettings settings) {
        var options = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, Duration.ofSeconds(20))
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(20))
                // bursts wait in a bounded queue instead of failing with "no connection available"
                .withString(DefaultDriverOption.REQUEST_THROTTLER_CLASS, "ConcurrencyLimitingRequestThrottler")
                .withInt(DefaultDriverOption.REQUEST_THROTTLER_MAX_CONCURRENT_REQUESTS, 1024)
                .withInt(DefaultDriverOption.REQUEST_THROTTLER_MAX_QUEUE_SIZE, 100_000)
                .withInt(DefaultDriverOption.CONNECTION_POOL_LOCAL_SIZE, 2)
                // the default doubles up to 60 s: after a one-minute restart the serving layer answered 503 for
                // almost a minute more with the node back (docs/benchmarks.md, soak); a try every 5 s costs nothing
                .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(5))
                .withString(DefaultDriverOption.REQUEST_CONSISTENCY, settings.consistency())
                .startProfile(GROUPED_WRITES_PROFILE)
                .withBoolean(DefaultDriverOption.REQUEST_LOG_WARNINGS, false)
                .endProfile();
        CassandraSecurity security = settings.security();
        if (security.logsIn()) {
            options = options.withString(DefaultDriverOption.AUTH_PROVIDER_CLASS, "PlainTextAuthProvider")
                    .withString(DefaultDriverOption.AUTH_PROVIDER_USER_NAME, security.username())
                    .withString(DefaultDriverOption.AUTH_PROVIDER_PASSWORD, security.password());
        }
        if (security.usesTls()) {
            options = options.withString(DefaultDriverOption.SSL_ENGINE_FACTORY_CLASS, "DefaultSslEngineFactory")
                    .withString(DefaultDriverOption.SSL_TRUSTSTORE_PATH, security.truststore());
            if (security.truststorePassword() != null) {
                options = options.withString(DefaultDriverOption.SSL_TRUSTSTORE_PASSWORD, security.truststorePassword());
            }
        }
        DriverConfigLoader config = options.build();
        try {
            var builder = CqlSession.builder()
                    .withConfigLoader(config)
                    .withLocalDatacenter(settings.localDatacenter());
            for (InetSocketAddress point : settings.contactPoints()) {
                builder.addContactPoint(new InetSocketAddress(point.getHostString(), point.getPort()));
            }
            return builder.build();
        } catch (AllNodesFailedException e) {
            boolean refused = e.getAllErrors().values().stream().flatMap(java.util.List::stream)
                    .anyMatch(t -> t instanceof com.datastax.oss.driver.api.core.auth.AuthenticationException);
            if (refused) {
                throw new CassandraUnavailableException("Cassandra at " + settings.describeContactPoints() + " refused the login"
                        + (security.logsIn() ? " of user '" + security.username() + "'" : " (it needs one)")
                        + ": set TRENDWATCH_CASSANDRA_USERNAME and TRENDWATCH_CASSANDRA_PASSWORD (or _PASSWORD_FILE).", e);
            }
            throw new CassandraUnavailableException("Cassandra is not reachable at " + settings.describeContactPoints()
                    + ". Start it with 'bin/trendwatch infra up' (or set TRENDWATCH_CASSANDRA to where it runs).", e);
        }
    }
}
