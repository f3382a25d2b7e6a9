package io.trendwatch.batch.cli;

import io.trendwatch.batch.views.RecomputePlan;
import picocli.CommandLine.Option;

/** How far back a recompute looks. */
public final class WindowOptions {

    @Option(names = "--minute-days", defaultValue = "2",
            description = "Keep minute views for this many days before the boundary (default: ${DEFAULT-VALUE})")
    int minuteDays;

    @Option(names = "--history-days", defaultValue = "14",
            description = "Days read before the rewritten range to warm the trend baselines up (default: ${DEFAULT-VALUE})")
    int historyDays;

    RecomputePlan.Windows windows(int lateDays) {
        return new RecomputePlan.Windows(lateDays, minuteDays, historyDays);
    }
}
