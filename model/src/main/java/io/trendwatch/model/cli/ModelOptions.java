package io.trendwatch.model.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.trendwatch.model.registry.ModelsDir;
import io.trendwatch.store.CassandraConnector;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.models.ModelRegistry;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options the model commands share: where artifacts live and which keyspace holds the registry. */
public final class ModelOptions {

    @Option(names = "--models-dir", description = "Model artifacts folder (default: $TRENDWATCH_MODELS or $TRENDWATCH_HOME/models)")
    Path modelsDir;

    @Option(names = "--keyspace", description = "Cassandra keyspace of the registry (default: $TRENDWATCH_KEYSPACE or trendwatch)")
    String keyspace;

    public ModelsDir models() {
        return modelsDir != null ? new ModelsDir(modelsDir) : ModelsDir.fromEnvironment(System.getenv());
    }

    public CassandraSettings cassandra() {
        CassandraSettings c = CassandraSettings.fromEnvironment();
        return keyspace != null ? c.withKeyspace(keyspace) : c;
    }

    /** A session to the registry's Cassandra; fails with what to start when it is down. */
    public CqlSession connect() {
        return CassandraConnector.connect(cassandra());
    }

    public ModelRegistry registry(CqlSession session) {
        return new ModelRegistry(session, cassandra().keyspace());
    }
}
