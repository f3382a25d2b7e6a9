package io.trendwatch.model.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.trendwatch.model.registry.PromotedSentiment;
import io.trendwatch.store.models.Promotion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code model promote NAME VERSION}: puts a registered version in use, if it is not worse. */
@Command(name = "promote", mixinStandardHelpOptions = true,
        description = "Put a registered model version in use; refused (exit 4) if its metric is worse "
                + "than the one in use, unless --force.")
public final class PromoteCommand implements Callable<Integer> {

    @Mixin
    ModelOptions options;

    @Parameters(index = "0", description = "Model name, e.g. sentiment")
    String name;

    @Parameters(index = "1", description = "Version (see trendwatch model list)")
    String version;

    @Option(names = "--metric", description = "Metric compared, higher is better (default: for sentiment "
            + "time_avg_recall, or avg_recall when the model in use has none; for trend auc)")
    String metric;

    @Option(names = "--force", description = "Promote even if worse")
    boolean force;

    @Override
    public Integer call() {
        try (CqlSession session = options.connect()) {
            List<String> gate = metric != null ? List.of(metric) : gate(name);
            print(options.registry(session).promote(name, version, gate, force));
            return 0;
        }
    }

    /** What a model's promotion compares by default: for sentiment {@link PromotedSentiment#GATE}, else AUC. */
    static List<String> gate(String name) {
        return PromotedSentiment.NAME.equals(name) ? PromotedSentiment.GATE : List.of("auc");
    }

    static void print(Promotion p) {
        System.out.printf("%s %s in use (%s %.4f%s)%n", p.name(), p.version(), p.metricName(), p.metric(),
                p.forced() ? ", forced" : "");
    }
}
