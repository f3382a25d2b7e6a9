package io.trendwatch.store.cli;

import io.trendwatch.store.CassandraSettings;
import picocli.CommandLine.Option;

import java.util.Map;

/** {@code --keyspace}, as every command that reads or writes Cassandra takes it: a picocli mixin. */
public final class KeyspaceOption {

    @Option(names = "--keyspace", description = "Cassandra keyspace (default: $TRENDWATCH_KEYSPACE or "
            + CassandraSettings.DEFAULT_KEYSPACE + ")")
    String keyspace;

    /** The environment's Cassandra settings, with this keyspace when one was given. */
    public CassandraSettings cassandra(Map<String, String> env) {
        CassandraSettings c = CassandraSettings.fromEnvironment(env);
        return keyspace != null ? c.withKeyspace(keyspace) : c;
    }

    public CassandraSettings cassandra() {
        return cassandra(System.getenv());
    }
}
