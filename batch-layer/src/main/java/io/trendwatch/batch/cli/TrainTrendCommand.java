package io.trendwatch.batch.cli;

import io.trendwatch.batch.prediction.TrendPredictionJob;
import io.trendwatch.core.ExitCodes;
import io.trendwatch.model.cli.ModelsDirOption;
import io.trendwatch.model.registry.ModelsDir;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.Sessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

/** {@code trendwatch batch train-trend}: trains, evaluates and (if not worse) promotes the trend-prediction model. */
@Command(name = "train-trend", mixinStandardHelpOptions = true,
        description = {"Train the model that predicts whether a term trends next hour (Spark MLlib logistic regression "
                + "over each term's hourly counts and trend scores), evaluate it on the last days of the range, "
                + "register it, promote it if its AUC is not worse than the one in use, and write the in-use model's "
                + "predictions for those days for the API."})
public final class TrainTrendCommand implements Callable<Integer> {

    @Mixin
    BatchOptions options;

    @Option(names = "--from", description = "First day of examples (default: 6 days before --to)")
    String from;

    @Option(names = "--to", description = "Last day, inclusive (default: yesterday, UTC)")
    String to;

    @Option(names = "--eval-days", defaultValue = "1", description = "Last days held out for evaluation (default: ${DEFAULT-VALUE})")
    int evalDays;

    @Option(names = "--history-days", defaultValue = "14",
            description = "History before --from that baselines fold in, as the nightly run's (default: ${DEFAULT-VALUE})")
    int historyDays;

    @Option(names = "--force", description = "Promote even if the AUC is worse than the model in use")
    boolean force;

    @Mixin
    ModelsDirOption modelsDir;

    @Override
    public Integer call() throws Exception {
        LocalDate last;
        LocalDate first;
        try {
            last = to != null ? LocalDate.parse(to) : LocalDate.now(ZoneOffset.UTC).minusDays(1);
            first = from != null ? LocalDate.parse(from) : last.minusDays(6);
        } catch (DateTimeParseException e) {
            System.err.println("--from and --to must be dates such as 2026-11-20: " + e.getParsedString());
            return ExitCodes.BAD_INPUT;
        }
        if (!last.isBefore(LocalDate.now(ZoneOffset.UTC))) {
            System.err.println("--to " + last + " is not a complete day yet");
            return ExitCodes.BAD_INPUT;
        }
        CassandraSettings cassandra = options.cassandra();
        ModelsDir models = modelsDir.models();
        Migrations.apply(cassandra);
        TrendPredictionJob.Result r = new TrendPredictionJob(options.spark(), options.master(), Sessions.get(cassandra),
                cassandra.keyspace(), models).run(first, last, evalDays, Duration.ofDays(historyDays), force);
        System.out.printf("trend model %s: AUC %.4f, precision@%d %.4f on %d held-out term-hours (%d trending next hour)%n",
                r.version(), r.evaluation().auc(), r.evaluation().k(), r.evaluation().precisionAtK(),
                r.evaluation().examples(), r.evaluation().positives());
        System.out.println(r.promoted().map(p -> "promoted " + p.version()).orElse(r.refusal()));
        System.out.printf("%d predictions written by %s%n", r.predictionsWritten(), r.predictionsBy());
        return 0;
    }
}
