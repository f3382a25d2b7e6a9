package io.trendwatch.batch.cli;

import io.trendwatch.batch.master.DataLossException;

import io.trendwatch.batch.master.KafkaArchiver;
import io.trendwatch.core.ExitCodes;
import io.trendwatch.core.config.KafkaUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code trendwatch batch archive}: the master dataset catches up with the posts topic. */
@Command(name = "archive", mixinStandardHelpOptions = true,
        description = {"Append the posts of the topic that are not in the master dataset yet (exactly once: "
                + "safe to run twice, or beside a run).",
                "Reads from the offsets of the last archive to the end offsets seen at the start."})
public final class ArchiveCommand implements Callable<Integer> {

    @Mixin
    BatchOptions options;

    @Mixin
    KafkaOptions kafka;

    @Override
    public Integer call() throws Exception {
        try {
            print(kafka.archiver().archive(options.spark(), options.master()));
            return 0;
        } catch (KafkaUnavailableException e) {
            System.err.println(e.getMessage());
            return ExitCodes.UNAVAILABLE;
        } catch (DataLossException e) {
            System.err.println("archive: " + e.getMessage());
            return ExitCodes.REFUSED;
        }
    }

    static void print(KafkaArchiver.Result r) {
        System.out.printf("archive: %d records read, %d posts added, %d already archived, %d rejected%s%s; next offsets %s%n",
                r.records(), r.added(), r.records() - r.added() - r.rejected(), r.rejected(),
                r.rejectedByReason().isEmpty() ? "" : " " + r.rejectedByReason(),
                r.lost() > 0 ? ", " + r.lost() + " LOST to retention" : "", r.nextOffsets());
    }
}
