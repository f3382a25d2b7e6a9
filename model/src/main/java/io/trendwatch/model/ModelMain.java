package io.trendwatch.model;

import io.trendwatch.core.CommandFailures;
import io.trendwatch.model.cli.EvaluateSharesCommand;
import io.trendwatch.model.cli.ListCommand;
import io.trendwatch.model.cli.PredictCommand;
import io.trendwatch.model.cli.PromoteCommand;
import io.trendwatch.model.cli.RegisterCommand;
import io.trendwatch.model.cli.TrainSentimentCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code trendwatch model ...}: train, evaluate, predict with, register and promote models. */
@Command(name = "trendwatch model", mixinStandardHelpOptions = true, version = "trendwatch 0.1.0",
        description = "Models: the sentiment model (PyTorch through DJL) and the model registry.",
        subcommands = {TrainSentimentCommand.class, PredictCommand.class, ListCommand.class, RegisterCommand.class,
                PromoteCommand.class, EvaluateSharesCommand.class})
public final class ModelMain {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Bad arguments exit 2, a refused promotion 4, a missing Cassandra 3; one line each, no stack trace. */
    public static CommandLine commandLine() {
        return CommandFailures.handled(new CommandLine(new ModelMain()));
    }
}
