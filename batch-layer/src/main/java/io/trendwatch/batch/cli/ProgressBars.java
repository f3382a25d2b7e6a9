package io.trendwatch.batch.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;

import java.util.function.LongSupplier;

/** The batch commands' progress bar on standard error: shown on a terminal, or as {@code --[no-]progress} says. */
final class ProgressBars {

    private ProgressBars() {
    }

    /**
     * A bar, or null when none is shown ({@code max} is only asked for a bar that is shown: counting can cost I/O).
     *
     * @param option the command's {@code --[no-]progress}, null when not given
     */
    static ProgressBar open(Boolean option, String task, LongSupplier max, String unit) {
        boolean show = option != null ? option : System.console() != null;
        return show ? ProgressBar.builder().setTaskName(task).setInitialMax(max.getAsLong()).setUnit(unit, 1)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build() : null;
    }
}
