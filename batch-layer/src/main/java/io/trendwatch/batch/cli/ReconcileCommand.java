package io.trendwatch.batch.cli;

import io.trendwatch.batch.master.MasterDataset;
import io.trendwatch.batch.reconcile.AnsweredSeries;
import io.trendwatch.batch.reconcile.ApiSeries;
import io.trendwatch.batch.reconcile.MasterRecount;
import io.trendwatch.batch.reconcile.Mismatch;
import io.trendwatch.batch.reconcile.SeriesComparison;
import io.trendwatch.core.ExitCodes;
import io.trendwatch.core.text.Term;
import io.trendwatch.core.time.Granularity;
import me.tongfei.progressbar.ProgressBar;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import io.trendwatch.store.cli.ApiOption;
import io.trendwatch.store.cli.ProgressOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code trendwatch reconcile}: recounts terms from the master dataset and
 * compares every bucket with what the API answers, merged at the boundary in
 * force. Exit 0: no mismatch; 1: mismatches (listed, with the view each answer
 * came from); 2: bad arguments; 3: the API or the master dataset missing.
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = {"Recount terms from the master dataset (the shared tokenizer, distinct posts per bucket) and "
                + "compare every bucket with the API's series, merged at the boundary in force.",
                "Prints each mismatch with the view its answer came from. Exit 0 when there is none, 1 otherwise. "
                        + "Posts the speed layer dropped as late show as speed mismatches until the next batch run."})
public final class ReconcileCommand implements Callable<Integer> {

    @Mixin
    BatchOptions options;

    @Option(names = "--from", required = true, description = "First bucket, ISO-8601 (aligned down to the step)")
    String from;

    @Option(names = "--to", required = true, description = "Buckets that start before this, ISO-8601, each whole")
    String to;

    @Option(names = "--step", defaultValue = "hour", description = "minute, hour or day (default: ${DEFAULT-VALUE})")
    String step;

    @Option(names = "--term", description = "A term to check, as typed (#sale, @nike, love); repeatable")
    List<String> terms = new ArrayList<>();

    @Option(names = "--top", defaultValue = "50",
            description = "Without --term: the N terms in most posts of the range (default: ${DEFAULT-VALUE})")
    int top;

    @Mixin
    ApiOption api;

    @Mixin
    ProgressOption progress;

    @Override
    public Integer call() throws Exception {
        Granularity g;
        Instant start;
        Instant end;
        try {
            g = Granularity.parse(step);
            start = Instant.parse(from);
            end = Instant.parse(to);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            System.err.println("--step must be minute, hour or day and --from/--to ISO-8601 instants "
                    + "(e.g. 2026-11-27T00:00:00Z): " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        if (!end.isAfter(start) || top < 1) {
            System.err.println("--to must be after --from, and --top at least 1");
            return ExitCodes.BAD_INPUT;
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String t : terms) {
            var parsed = Term.parse(t);
            if (parsed.isEmpty()) {
                System.err.println("--term '" + t + "' holds no term; try #hashtag, @mention or a word");
                return ExitCodes.BAD_INPUT;
            }
            wanted.add(parsed.get().text());
        }
        MasterDataset master = options.master();
        if (master.dates().isEmpty()) {
            System.err.println("the master dataset at " + master.root() + " holds no posts: run `trendwatch batch run` "
                    + "(or `batch archive`) first, or pass --master-dir");
            return ExitCodes.UNAVAILABLE;
        }
        Instant first = g.bucketStart(start);
        Instant last = g.bucketStart(end).equals(end) ? end : g.nextBucket(g.bucketStart(end));
        Dataset<Row> counts = MasterRecount.counts(master.read(options.spark(), first, last), g, wanted)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            List<String> checked = wanted.isEmpty() ? MasterRecount.top(counts, top) : List.copyOf(wanted);
            Map<String, Map<Instant, Long>> recount = MasterRecount.collect(counts, checked);
            ApiSeries apiSeries = new ApiSeries(api.uri(System.getenv()));
            List<Mismatch> mismatches = new ArrayList<>();
            long buckets = 0;
            try (ProgressBar bar = progress.open("reconcile", checked::size, " terms")) {
                for (String term : checked) {
                    AnsweredSeries answer = apiSeries.series(term, g, first, last);
                    buckets += Math.max(recount.get(term).size(), answer.points().size());
                    mismatches.addAll(SeriesComparison.compare(recount.get(term), answer));
                    if (bar != null) {
                        bar.step();
                    }
                }
            } catch (IOException e) {
                System.err.println(e.getMessage());
                return ExitCodes.UNAVAILABLE;
            }
            print(mismatches);
            System.out.printf("%d terms, %d %s buckets in [%s, %s): %d mismatches%n", checked.size(), buckets,
                    g.label(), first, last, mismatches.size());
            return mismatches.isEmpty() ? 0 : 1;
        } finally {
            counts.unpersist();
        }
    }

    private static void print(List<Mismatch> mismatches) {
        if (mismatches.isEmpty()) {
            return;
        }
        System.out.printf("%-32s %-22s %10s %10s %8s  %s%n", "term", "bucket", "recounted", "answered", "diff", "view");
        for (Mismatch m : mismatches) {
            System.out.printf("%-32s %-22s %10d %10d %+8d  %s%n", m.term(), m.bucket(), m.recounted(), m.answered(),
                    m.answered() - m.recounted(), m.source());
        }
    }
}
