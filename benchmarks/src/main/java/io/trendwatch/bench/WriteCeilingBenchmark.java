package io.trendwatch.bench;

import io.trendwatch.core.time.Granularity;
import com.datastax.oss.driver.api.core.CqlSession;
import io.trendwatch.core.ExitCodes;
import io.trendwatch.store.BoundedWrites;
import io.trendwatch.store.CassandraConnector;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.ReplicaBatches;
import io.trendwatch.store.SchemaMigrator;
import io.trendwatch.store.views.CountUpserts;
import io.trendwatch.store.views.Layer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How many speed-view rows per second the local Cassandra node takes when
 * nothing else competes for the cores: the same upserts as the speed layer
 * (one row per partition, a term's minute, grouped per replica set), from
 * writer threads in one JVM. It bounds any pipeline that writes through it.
 */
@Command(name = "write-ceiling", mixinStandardHelpOptions = true,
        description = "Rows/s the local Cassandra takes for speed-view upserts, with nothing else running.")
public final class WriteCeilingBenchmark implements Callable<Integer> {

    @Option(names = "--rows", defaultValue = "1000000", description = "Rows per pass (default: ${DEFAULT-VALUE})")
    int rows;

    @Option(names = "--passes", defaultValue = "3", description = "Passes; the median is reported (default: ${DEFAULT-VALUE})")
    int passes;

    @Option(names = "--threads", defaultValue = "2", description = "Writer threads (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--rows-per-batch", defaultValue = "32", description = "Rows per unlogged batch (default: ${DEFAULT-VALUE})")
    int rowsPerBatch;

    @Option(names = "--rows-per-partition", defaultValue = "1",
            description = "Consecutive rows in one partition (a term's minutes of a day): 1 as the speed layer writes,"
                    + " more as the batch layer's sorted rows arrive (default: ${DEFAULT-VALUE})")
    int rowsPerPartition;

    @Option(names = "--in-flight", defaultValue = "512", description = "Rows in flight per thread (default: ${DEFAULT-VALUE})")
    int inFlight;

    @Option(names = "--keep", description = "Keep the benchmark's keyspace afterwards")
    boolean keep;

    public static void main(String[] args) {
        System.exit(new CommandLine(new WriteCeilingBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (rowsPerPartition < 1 || rowsPerPartition > 1440 || threads < 1 || rowsPerBatch < 1 || inFlight < rowsPerBatch) {
            System.err.println("need 1 <= --rows-per-partition <= 1440 (minutes of a day), --threads >= 1, --rows-per-batch >= 1"
                    + " and --in-flight >= --rows-per-batch");
            return ExitCodes.BAD_INPUT;
        }
        CassandraSettings cs = CassandraSettings.fromEnvironment().withKeyspace("tw_bench_writes" + System.currentTimeMillis());
        try (CqlSession session = CassandraConnector.connect(cs)) {
            new SchemaMigrator(session, cs).migrate();
            // the speed layer's own upsert of a term's minute
            CountUpserts insert = CountUpserts.prepare(session, cs.keyspace(), Layer.SPEED);
            List<Double> rates = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                for (int pass = 0; pass < passes; pass++) {
                    long t0 = System.nanoTime();
                    List<Future<Long>> parts = new ArrayList<>();
                    for (int t = 0; t < threads; t++) {
                        int thread = t;
                        int p = pass;
                        parts.add(pool.submit(() -> write(session, cs.keyspace(), insert, p, thread)));
                    }
                    long written = 0;
                    for (Future<Long> f : parts) {
                        written += f.get();
                    }
                    double rate = written / ((System.nanoTime() - t0) / 1e9);
                    rates.add(rate);
                    System.out.printf("pass %d: %,d rows in %.1f s = %,.0f rows/s%n", pass + 1, written,
                            (System.nanoTime() - t0) / 1e9, rate);
                }
            } finally {
                pool.shutdown();
                if (!keep) {
                    session.execute("DROP KEYSPACE IF EXISTS " + cs.keyspace());
                }
            }
            List<Double> sorted = rates.stream().sorted().toList();
            System.out.printf("write ceiling: median %,.0f rows/s over %d passes (%d threads, %d rows per batch, %d rows per partition,"
                    + " %d rows in flight per thread)%n", sorted.get(sorted.size() / 2), passes, threads, rowsPerBatch,
                    rowsPerPartition, inFlight);
        }
        return 0;
    }

    /** One thread's share of a pass: each term's minutes of one day, one row per partition unless asked for more. */
    private long write(CqlSession session, String keyspace, CountUpserts insert, int pass, int thread) throws InterruptedException {
        ReplicaBatches writes = new ReplicaBatches(session, keyspace,
                new BoundedWrites(session, inFlight / rowsPerBatch), rowsPerBatch);
        Instant day = Instant.parse("2026-11-27T00:00:00Z");
        CountUpserts.SpeedStamp now = new CountUpserts.SpeedStamp(Instant.now());
        int perPartition = rowsPerPartition;
        // thread t takes whole runs of a partition's rows: runs t, t + threads, ...
        for (int run = thread; (long) run * perPartition < rows; run += threads) {
            for (int m = 0; m < perPartition && (long) run * perPartition + m < rows; m++) {
                long posts = (run + m) % 97 + 1;
                writes.add(insert.term("#t" + pass + "x" + run, "hashtag", Granularity.MINUTE, day.plusSeconds(60L * m),
                        new CountUpserts.Counts(posts, 0, 0, 0, posts), now));
            }
        }
        return writes.finish();
    }
}
