package io.trendwatch.speed;

import io.trendwatch.core.CommandFailures;
import io.trendwatch.speed.cli.StartCommand;
import io.trendwatch.store.cli.MigrateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the speed layer's jar ({@code trendwatch speed ...}). */
@Command(name = "trendwatch speed", mixinStandardHelpOptions = true,
        description = "Spark Structured Streaming speed layer: Kafka to real-time views in Cassandra.",
        subcommands = {StartCommand.class, MigrateCommand.class})
public final class SpeedLayerMain {

    public static void main(String[] args) {
        System.exit(CommandFailures.handled(new CommandLine(new SpeedLayerMain())).execute(args));
    }
}
