package io.trendwatch.batch;

import io.trendwatch.store.cli.MigrateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the batch layer's jar. */
@Command(name = "trendwatch-batch-layer", mixinStandardHelpOptions = true,
        description = "Nightly Spark batch jobs: master dataset, exact recompute, backfill.",
        subcommands = {MigrateCommand.class})
public final class BatchLayerMain {

    public static void main(String[] args) {
        System.exit(new CommandLine(new BatchLayerMain()).execute(args));
    }
}
