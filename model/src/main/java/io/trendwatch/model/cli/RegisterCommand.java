package io.trendwatch.model.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.trendwatch.model.sentiment.ModelCard;
import io.trendwatch.store.CassandraConnector;
import io.trendwatch.store.cli.KeyspaceOption;
import io.trendwatch.store.models.ModelRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code model register DIR}: records a saved model folder in the registry, for a model trained with
 * {@code train-sentiment --no-registry} (on another machine, or while Cassandra was starting), and with
 * {@code --promote} puts it in use through the same gate as {@code model promote}. The registry points at the folder
 * where it is, so it must stay there.
 */
@Command(name = "register", mixinStandardHelpOptions = true,
        description = "Register a saved model folder (from train-sentiment --no-registry) where it is; the last line "
                + "is its version. Not put in use unless --promote.")
public final class RegisterCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "The model's folder (holds " + ModelCard.FILE + ")")
    Path dir;

    @Mixin
    KeyspaceOption keyspace;

    @Option(names = "--promote", description = "Then put it in use, as trendwatch model promote does: refused "
            + "(exit 4, still registered) if its metric is worse than the one in use's")
    boolean promote;

    @Option(names = "--force", description = "With --promote: put it in use even if worse")
    boolean force;

    @Override
    public Integer call() throws Exception {
        ModelCard card = ModelCard.read(dir);
        try (CqlSession session = CassandraConnector.connect(keyspace.cassandra())) {
            ModelRegistry registry = new ModelRegistry(session, keyspace.cassandra().keyspace());
            registry.register(card.record(dir));
            System.out.printf("registered %s %s from %s%n", card.name(), card.version(), dir.toAbsolutePath());
            if (promote) {
                PromoteCommand.print(registry.promote(card.name(), card.version(), PromoteCommand.gate(card.name()),
                        force));
            }
        }
        System.out.println(card.version());
        return 0;
    }
}
