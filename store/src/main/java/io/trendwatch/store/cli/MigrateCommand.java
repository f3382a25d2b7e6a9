package io.trendwatch.store.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.trendwatch.store.CassandraConnector;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.SchemaMigrator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code migrate}: applies the CQL migrations; shared by the CLI and every layer's jar. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Create or upgrade the Cassandra keyspace and tables (safe to run again).")
public final class MigrateCommand implements Callable<Integer> {

    @Option(names = "--cassandra", description = "Contact points host:port,... (default: $TRENDWATCH_CASSANDRA or "
            + CassandraSettings.DEFAULT_CONTACT_POINTS + ")")
    String contactPoints;

    @Mixin
    KeyspaceOption keyspace;

    @Option(names = "--replication", description = "SimpleStrategy:1 (default) or NetworkTopologyStrategy:dc1=3,...")
    String replication;

    @Option(names = "--datacenter", description = "Local datacenter (default: $TRENDWATCH_CASSANDRA_DC or "
            + CassandraSettings.DEFAULT_DATACENTER + ")")
    String datacenter;

    @Override
    public Integer call() {
        CassandraSettings settings = settings();
        try (CqlSession session = CassandraConnector.connect(settings)) {
            SchemaMigrator.Result result = new SchemaMigrator(session, settings).migrate();
            System.out.printf("keyspace %s at %s: applied %s, already applied %s%n", settings.keyspace(),
                    settings.describeContactPoints(), result.applied(), result.alreadyApplied());
            return 0;
        } catch (com.datastax.oss.driver.api.core.DriverException | IllegalStateException e) {
            System.err.println("schema migration failed: " + e.getMessage());
            return 1;
        }
    }

    CassandraSettings settings() {
        var env = new java.util.HashMap<>(System.getenv());
        if (contactPoints != null) {
            env.put("TRENDWATCH_CASSANDRA", contactPoints);
        }
        if (replication != null) {
            env.put("TRENDWATCH_REPLICATION", replication);
        }
        if (datacenter != null) {
            env.put("TRENDWATCH_CASSANDRA_DC", datacenter);
        }
        return keyspace.cassandra(env);
    }
}
