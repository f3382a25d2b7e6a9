package io.trendwatch.model.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.trendwatch.model.sentiment.ModelCard;
import io.trendwatch.store.CassandraConnector;
import io.trendwatch.store.cli.KeyspaceOption;
import io.trendwatch.store.models.ModelRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code model register DIR}: records a saved model folder in the registry without putting it in use, for a model
 * trained with {@code train-sentiment --no-registry} (on another machine, or while Cassandra was starting). The
 * registry points at the folder where it is, so it must stay there.
 */
@Command(name = "register", mixinStandardHelpOptions = true,
        description = "Register a saved model folder (from train-sentiment --no-registry) where it is, without "
                + "putting it in use; the last line is its version, for trendwatch model promote.")
public final class RegisterCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "The model's folder (holds " + ModelCard.FILE + ")")
    Path dir;

    @Mixin
    KeyspaceOption keyspace;

    @Override
    public Integer call() throws Exception {
        ModelCard card = ModelCard.read(dir);
        try (CqlSession session = CassandraConnector.connect(keyspace.cassandra())) {
            new ModelRegistry(session, keyspace.cassandra().keyspace()).register(card.record(dir));
        }
        System.out.printf("registered %s %s from %s (not in use: trendwatch model promote %s %s)%n", card.name(),
                card.version(), dir.toAbsolutePath(), card.name(), card.version());
        System.out.println(card.version());
        return 0;
    }
}
