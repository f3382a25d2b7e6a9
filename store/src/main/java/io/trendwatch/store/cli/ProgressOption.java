package io.trendwatch.store.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Option;

import java.util.function.LongSupplier;

/** {@code --[no-]progress}: a progress bar on standard error, shown on a terminal unless the option says otherwise. */
public final class ProgressOption {

    @Option(names = "--progress", negatable = true, description = "Show a progress bar (default: when on a terminal)")
    Boolean progress;

    public boolean shown() {
        return progress != null ? progress : System.console() != null;
    }

    /** A bar, or null when none is shown ({@code max} is only asked for a bar that is shown: counting can cost I/O). */
    public ProgressBar open(String task, LongSupplier max, String unit) {
        return shown() ? ProgressBar.builder().setTaskName(task).setInitialMax(max.getAsLong()).setUnit(unit, 1)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build() : null;
    }
}
