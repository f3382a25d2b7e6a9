package io.trendwatch.serving;

import io.trendwatch.store.cli.MigrateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the serving layer's jar. */
@Command(name = "trendwatch-serving-layer", mixinStandardHelpOptions = true,
        description = "Dropwizard REST layer that merges the batch and real-time views.",
        subcommands = {MigrateCommand.class})
public final class ServingLayerMain {

    public static void main(String[] args) {
        System.exit(new CommandLine(new ServingLayerMain()).execute(args));
    }
}
