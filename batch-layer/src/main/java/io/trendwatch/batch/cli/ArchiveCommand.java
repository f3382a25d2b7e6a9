package io.trendwatch.batch.cli;


import io.trendwatch.batch.master.KafkaArchiver;
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
        print(kafka.archiver().archive(options.spark(), options.master()));
        return 0;
    }

    static void print(KafkaArchiver.Result r) {
        System.out.printf("archive: %d records read, %d posts added, %d already archived, %d rejected%s%s; next offsets %s%n",
                r.records(), r.added(), r.records() - r.added() - r.rejected(), r.rejected(),
                r.rejectedByReason().isEmpty() ? "" : " " + r.rejectedByReason(),
                r.lost() > 0 ? ", " + r.lost() + " LOST to retention" : "", r.nextOffsets());
    }
}
