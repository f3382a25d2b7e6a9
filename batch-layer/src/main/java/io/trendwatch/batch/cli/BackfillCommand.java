package io.trendwatch.batch.cli;

import io.trendwatch.batch.master.MasterDataset;
import io.trendwatch.batch.run.BatchJob;
import io.trendwatch.batch.views.RecomputePlan;
import io.trendwatch.batch.views.ViewLoad;
import io.trendwatch.core.ExitCodes;
import io.trendwatch.model.registry.PromotedSentiment;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.Sessions;
import me.tongfei.progressbar.ProgressBar;
import org.apache.spark.sql.SparkSession;
import io.trendwatch.store.cli.ProgressOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;


/** {@code trendwatch batch backfill --from D1 --to D2}: recompute chosen days for an analyst. */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = {"Recompute the batch views of the days --from..--to (inclusive, UTC) from the master dataset, "
                + "one day at a time, overwriting those days only. The boundary does not move.",
                "Only complete days before the published boundary can be backfilled."})
public final class BackfillCommand implements Callable<Integer> {

    @Mixin
    BatchOptions options;

    @Mixin
    WindowOptions windows;

    @Mixin
    ViewLoadOption viewLoad;

    @Option(names = "--from", required = true, description = "First day, YYYY-MM-DD")
    String from;

    @Option(names = "--to", required = true, description = "Last day, YYYY-MM-DD (inclusive)")
    String to;

    @Option(names = "--dry-run", description = "Say what would be rewritten, write nothing")
    boolean dryRun;

    @Mixin
    ProgressOption progress;

    @Override
    public Integer call() throws Exception {
        LocalDate first;
        LocalDate last;
        try {
            first = LocalDate.parse(from);
            last = LocalDate.parse(to);
        } catch (DateTimeParseException e) {
            System.err.println("--from and --to must be dates such as 2026-11-20: " + e.getParsedString());
            return ExitCodes.BAD_INPUT;
        }
        ViewLoad load = viewLoad.viewLoad();
        CassandraSettings cassandra = options.cassandra();
        Migrations.apply(cassandra);
        SparkSession spark = options.spark();
        MasterDataset master = options.master();
        BatchJob job = new BatchJob(spark, master, cassandra, BatchJob.Settings.DEFAULT.withViewLoad(load),
                PromotedSentiment.scorer(Sessions.get(cassandra), cassandra.keyspace()));
        Optional<Instant> boundary = job.records().boundary();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<RecomputePlan> days = new ArrayList<>();
        try {
            RecomputePlan.backfill(first, last, boundary, today, windows.windows(0)); // checks the whole range first
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                days.add(RecomputePlan.backfill(d, d, boundary, today, windows.windows(0)));
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        if (dryRun) {
            describe(spark, master, days);
            return 0;
        }
        long posts = 0;
        long rows = 0;
        try (ProgressBar bar = progress.open("backfill", days::size, " days")) {
            for (RecomputePlan plan : days) {
                if (bar != null) {
                    bar.setExtraMessage(" " + day(plan));
                }
                BatchJob.Result r = job.run(plan);
                posts += r.inputPosts();
                rows += r.rowsWritten();
                System.out.printf("%s: %d posts, %d rows rewritten (%s)%n", day(plan), r.inputPosts(), r.rowsWritten(),
                        r.runId());
                if (bar != null) {
                    bar.step();
                }
            }
        }
        System.out.printf("backfill %s..%s: %d days, %d posts, %d rows rewritten; boundary %s unchanged%n",
                first, last, days.size(), posts, rows, boundary.orElseThrow());
        return 0;
    }

    private static void describe(SparkSession spark, MasterDataset master, List<RecomputePlan> days) throws Exception {
        List<String> stored = master.dates();
        System.out.println("dry run: nothing is written. Would rewrite, under the boundary " + days.get(0).boundary() + ":");
        for (RecomputePlan plan : days) {
            String d = day(plan);
            long posts = stored.contains(d) ? master.read(spark, plan.viewsFrom(), plan.viewsTo()).count() : 0;
            boolean minutes = plan.minuteFrom().isBefore(plan.viewsTo());
            System.out.printf("  %s: %d posts in the master dataset -> the day's and its 24 hours' term counts, totals "
                            + "and trending ranks%s%n", d, posts, minutes ? ", and its 1,440 minutes" : "");
        }
    }

    private static String day(RecomputePlan plan) {
        return plan.viewsFrom().atZone(ZoneOffset.UTC).toLocalDate().toString();
    }
}
