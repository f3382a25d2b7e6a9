package io.trendwatch.batch.cli;

import io.trendwatch.store.cli.KeyspaceOption;
import com.datastax.oss.driver.api.core.CqlSession;
import io.trendwatch.batch.run.RunRecords;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.Sessions;
import io.trendwatch.store.models.ModelNames;
import io.trendwatch.store.models.ModelRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code trendwatch batch status}: the published boundary and the models in use, for operators and schedulers. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Print the published batch boundary and the model versions in use (no Spark started).")
public final class StatusCommand implements Callable<Integer> {

    @Mixin
    KeyspaceOption keyspace;

    @Override
    public Integer call() {
        CassandraSettings cassandra = keyspace.cassandra();
        Migrations.apply(cassandra);
        CqlSession session = Sessions.get(cassandra);
        System.out.println("boundary " + new RunRecords(session, cassandra.keyspace()).boundary()
                .map(Object::toString).orElse("none"));
        ModelRegistry registry = new ModelRegistry(session, cassandra.keyspace());
        for (String name : List.of(ModelNames.SENTIMENT, ModelNames.TREND)) {
            System.out.println(name + " " + registry.inUse(name).map(p -> p.version()).orElse("none"));
        }
        return 0;
    }
}
