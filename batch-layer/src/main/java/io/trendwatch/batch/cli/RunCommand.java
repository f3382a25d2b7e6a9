package io.trendwatch.batch.cli;

import io.trendwatch.batch.master.KafkaArchiver;
import com.datastax.oss.driver.api.core.DriverException;
import io.trendwatch.batch.master.DataLossException;
import io.trendwatch.batch.master.MasterDataset;
import io.trendwatch.batch.run.BatchJob;
import io.trendwatch.batch.run.RunRecords;
import io.trendwatch.batch.run.SpeedCatchUp;
import io.trendwatch.batch.views.RecomputePlan;
import io.trendwatch.batch.views.ViewLoad;
import io.trendwatch.core.ExitCodes;
import io.trendwatch.core.config.KafkaUnavailableException;
import io.trendwatch.core.time.Durations;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.model.registry.PromotedSentiment;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.CassandraUnavailableException;
import io.trendwatch.store.Sessions;
import io.trendwatch.store.views.SpeedStatus;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code trendwatch batch run --as-of T}: the nightly recompute. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"The nightly recompute: archive the topic into the master dataset, recompute the exact views of "
                + "every complete bucket before the new boundary (the last --late-days days again, for late posts), "
                + "write them, then publish the boundary and the run record.",
                "A run that fails before publishing leaves the boundary in force as it was."})
public final class RunCommand implements Callable<Integer> {

    @Mixin
    BatchOptions options;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    WindowOptions windows;

    @Mixin
    ViewLoadOption viewLoad;

    @Option(names = "--as-of", description = "The new boundary, ISO-8601 (e.g. 2026-11-27T00:00:00Z), cut to the hour, "
            + "and never past the hour of the speed layer's watermark when the archive starts (default: now)")
    String asOf;

    @Option(names = "--speed-query", defaultValue = SpeedStatus.DEFAULT_QUERY,
            description = "The speed layer's query name (its --query-name), whose watermark bounds the boundary; "
                    + "no such query in the keyspace: no bound (default: ${DEFAULT-VALUE})")
    String speedQuery;

    @Option(names = "--wait-for-speed", defaultValue = "0s",
            description = "Wait up to this long for the speed layer's watermark to reach the --as-of hour before "
                    + "archiving, rather than publish an earlier boundary; the run starts up meanwhile (e.g. 10m; "
                    + "default: ${DEFAULT-VALUE}, no wait)")
    String waitForSpeed;

    @Option(names = "--late-days", defaultValue = "2",
            description = "Recompute this many days before the boundary's day again (default: ${DEFAULT-VALUE})")
    int lateDays;

    @Option(names = "--skip-archive", description = "Recompute from the master dataset as it is, without reading Kafka "
            + "(for a restored master dataset; the nightly schedule never sets it)")
    boolean skipArchive;

    @Override
    public Integer call() throws Exception {
        Instant at;
        try {
            at = asOf == null ? Instant.now() : Instant.parse(asOf);
        } catch (DateTimeParseException e) {
            System.err.println("--as-of must be an ISO-8601 instant such as 2026-11-27T00:00:00Z, got '" + asOf + "'");
            return ExitCodes.BAD_INPUT;
        }
        if (at.isAfter(Instant.now().plusSeconds(60))) {
            System.err.println("--as-of " + at + " is in the future: the batch view can only hold complete buckets");
            return ExitCodes.BAD_INPUT;
        }
        Duration speedWait;
        try {
            speedWait = Durations.parse(waitForSpeed);
        } catch (IllegalArgumentException e) {
            System.err.println("--wait-for-speed: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        ViewLoad load = viewLoad.viewLoad();
        CassandraSettings cassandra = options.cassandra();
        SparkSession spark = options.spark();
        MasterDataset master = options.master();
        try {
            Migrations.apply(cassandra);
            // read before the archive reads its end offsets: any post the archive misses arrives later, and the
            // speed layer then accepts it only if it is dated at or after this watermark, so after the boundary
            RunRecords records = new RunRecords(Sessions.get(cassandra), cassandra.keyspace());
            Optional<Instant> speedAccepts = awaitSpeed(records, Granularity.HOUR.bucketStart(at), speedWait);
            speedAccepts.ifPresent(w -> System.out.println("speed layer " + speedQuery + " accepts posts from " + w));
            if (!skipArchive) {
                KafkaArchiver.Result archived = kafka.archiver().archive(spark, master);
                ArchiveCommand.print(archived);
            }
            BatchJob job = new BatchJob(spark, master, cassandra, BatchJob.Settings.DEFAULT.withViewLoad(load),
                    PromotedSentiment.scorer(Sessions.get(cassandra), cassandra.keyspace()));
            Optional<Instant> firstPost = master.dates().stream().findFirst()
                    .map(d -> java.time.LocalDate.parse(d).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
            RecomputePlan plan;
            try {
                plan = RecomputePlan.nightly(at, speedAccepts, job.records().boundary(), firstPost, windows.windows(lateDays));
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            BatchJob.Result r = job.run(plan);
            System.out.printf("%s: boundary %s published; %d posts in [%s, %s), %d rows written in %.1f s%n",
                    r.runId(), plan.boundary(), r.inputPosts(), plan.viewsFrom(), plan.viewsTo(), r.rowsWritten(),
                    r.durationMs() / 1000.0);
            return 0;
        } catch (CassandraUnavailableException | KafkaUnavailableException e) {
            System.err.println(e.getMessage() + "; the boundary in force is unchanged");
            return ExitCodes.UNAVAILABLE;
        } catch (DataLossException e) {
            System.err.println("archive: " + e.getMessage() + " Nothing was published; the boundary in force is unchanged.");
            return ExitCodes.REFUSED;
        } catch (Exception e) {
            Throwable cause = e;
            while (cause != null && !(cause instanceof DriverException)) {
                cause = cause.getCause();
            }
            if (cause == null) {
                throw e;
            }
            // Cassandra went away mid-run (on the driver or in a Spark task): nothing was published, a rerun redoes it all
            System.err.println("Cassandra failed during the run (" + cause.getMessage() + "); nothing was published and the "
                    + "boundary in force is unchanged: run `batch run` again once Cassandra answers");
            return ExitCodes.UNAVAILABLE;
        }
    }

    /** The speed layer's watermark, once it reaches {@code hour} or {@code limit} has passed, saying what it waited. */
    private Optional<Instant> awaitSpeed(RunRecords records, Instant hour, Duration limit) throws InterruptedException {
        Optional<Instant> first = records.speedWatermark(speedQuery);
        if (limit.isZero() || first.isPresent() && !first.get().isBefore(hour)) {
            return first;
        }
        System.out.println("waiting up to " + waitForSpeed + " for speed layer " + speedQuery + " to count up to " + hour
                + first.map(w -> " (its watermark: " + w + ")").orElse(" (no watermark reported yet)"));
        SpeedCatchUp.Outcome o = SpeedCatchUp.await(() -> records.speedWatermark(speedQuery), hour, limit,
                SpeedCatchUp.POLL, SpeedCatchUp.Clock.SYSTEM);
        double seconds = o.waited().toMillis() / 1000.0;
        if (o.reached()) {
            System.out.printf("speed layer %s reached %s after %.1f s%n", speedQuery, hour, seconds);
        } else if (o.watermark().isPresent()) {
            System.out.printf("speed layer %s did not reach %s in %.1f s: the boundary is the hour of its watermark%n",
                    speedQuery, hour, seconds);
        } else {
            System.out.printf("speed layer %s reported no watermark in %.1f s: none bounds the boundary%n",
                    speedQuery, seconds);
        }
        return o.watermark();
    }
}
