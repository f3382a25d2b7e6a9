package io.trendwatch.batch;

import io.trendwatch.core.CommandFailures;
import io.trendwatch.batch.cli.ArchiveCommand;
import io.trendwatch.batch.cli.BackfillCommand;
import io.trendwatch.batch.cli.ImportCommand;
import io.trendwatch.batch.cli.ReconcileCommand;
import io.trendwatch.batch.cli.RunCommand;
import io.trendwatch.batch.cli.SqlCommand;
import io.trendwatch.batch.cli.StatusCommand;
import io.trendwatch.batch.cli.TopicsCommand;
import io.trendwatch.batch.cli.TrainTrendCommand;
import io.trendwatch.store.cli.MigrateCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** Entry point of the batch layer's jar ({@code trendwatch batch ...}, or spark-submit with this class). */
@Command(name = "trendwatch batch", mixinStandardHelpOptions = true,
        description = "Spark batch jobs: the master dataset, the nightly exact recompute, backfills, topics, trend prediction.",
        subcommands = {ArchiveCommand.class, ImportCommand.class, RunCommand.class, BackfillCommand.class, TopicsCommand.class,
                TrainTrendCommand.class, StatusCommand.class, ReconcileCommand.class, MigrateCommand.class, SqlCommand.class})
public final class BatchLayerMain {

    public static void main(String[] args) {
        int status = CommandFailures.handled(new CommandLine(new BatchLayerMain())).execute(args);
        io.trendwatch.store.Sessions.closeAll();
        System.exit(status);
    }
}
