package io.trendwatch.model.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.trendwatch.model.sentiment.TimeSplitCheck;
import io.trendwatch.store.models.ModelNames;
import io.trendwatch.store.models.ModelRecord;
import io.trendwatch.store.models.ModelRegistry;
import io.trendwatch.store.models.Promotion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code model list}: the registered versions of each model, the one in use marked. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List registered models; * marks the version in use.")
public final class ListCommand implements Callable<Integer> {

    @Mixin
    ModelOptions options;

    @Parameters(arity = "0..*", description = "Model names (default: sentiment, topics, trend)")
    List<String> names = ModelNames.ALL;

    @Override
    public Integer call() {
        try (CqlSession session = options.connect()) {
            ModelRegistry registry = options.registry(session);
            System.out.printf("  %-10s %-17s %-9s %-20s %-23s %-23s %s%n", "NAME", "VERSION", "STATUS", "CREATED",
                    "FIGURE", "TRAINED ON", "ARTIFACT");
            for (String name : names) {
                Optional<Promotion> inUse = registry.inUse(name);
                for (ModelRecord r : registry.list(name)) {
                    boolean used = inUse.isPresent() && inUse.get().version().equals(r.version());
                    System.out.printf("%s %-10s %-17s %-9s %-20s %-23s %-23s %s%n", used ? "*" : " ", r.name(),
                            r.version(), r.status(), r.createdAt() == null ? "" : r.createdAt().toString().substring(0, 19),
                            metric(r), range(r), r.artifact());
                }
            }
            return 0;
        }
    }

    private static String metric(ModelRecord r) {
        // each model's headline figure, the one its promotion compares first: sentiment AvgRec on the time split's
        // later tweets (else on the random split's holdout), trend AUC, topic NMI
        return List.of(TimeSplitCheck.AVG_RECALL, "avg_recall", "auc", "nmi").stream().filter(r.metrics()::containsKey)
                .findFirst().map(k -> String.format("%s %.4f", k, r.metrics().get(k))).orElse("");
    }

    private static String range(ModelRecord r) {
        if (r.trainFrom() == null || r.trainTo() == null) {
            return "";
        }
        return r.trainFrom().toString().substring(0, 10) + ".." + r.trainTo().toString().substring(0, 10);
    }
}
