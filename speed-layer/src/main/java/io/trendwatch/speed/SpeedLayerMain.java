package io.trendwatch.speed;

import io.trendwatch.store.cli.MigrateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the speed layer's jar. */
@Command(name = "trendwatch-speed-layer", mixinStandardHelpOptions = true,
        description = "Spark Structured Streaming speed layer: Kafka to real-time views.",
        subcommands = {MigrateCommand.class})
public final class SpeedLayerMain {

    public static void main(String[] args) {
        System.exit(new CommandLine(new SpeedLayerMain()).execute(args));
    }
}
