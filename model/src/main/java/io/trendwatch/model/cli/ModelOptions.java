package io.trendwatch.model.cli;

import io.trendwatch.store.cli.KeyspaceOption;
import com.datastax.oss.driver.api.core.CqlSession;
import io.trendwatch.model.registry.ModelsDir;
import io.trendwatch.store.CassandraConnector;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.models.ModelRegistry;
import picocli.CommandLine.Mixin;


/** Options the model commands share: where artifacts live and which keyspace holds the registry. */
public final class ModelOptions {

    @Mixin
    ModelsDirOption modelsDir;

    @Mixin
    KeyspaceOption keyspace;

    public ModelsDir models() {
        return modelsDir.models();
    }

    public CassandraSettings cassandra() {
        return keyspace.cassandra();
    }

    /** A session to the registry's Cassandra; fails with what to start when it is down. */
    public CqlSession connect() {
        return CassandraConnector.connect(cassandra());
    }

    public ModelRegistry registry(CqlSession session) {
        return new ModelRegistry(session, cassandra().keyspace());
    }
}
