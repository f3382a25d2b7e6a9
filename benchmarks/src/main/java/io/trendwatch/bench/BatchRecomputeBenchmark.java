package io.trendwatch.bench;

import io.trendwatch.core.config.LocalFolders;
import io.trendwatch.batch.fs.BatchSparkSettings;
import io.trendwatch.batch.master.MasterDataset;
import io.trendwatch.batch.master.PostRows;
import io.trendwatch.batch.run.BatchJob;
import io.trendwatch.batch.views.RecomputePlan;
import io.trendwatch.batch.views.TermCounting;
import io.trendwatch.batch.views.ViewLoad;
import io.trendwatch.batch.cli.ViewLoadOption;
import io.trendwatch.core.generate.Corpus;
import io.trendwatch.core.generate.GeneratorSpec;
import io.trendwatch.core.generate.StreamGenerator;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.sentiment.SentimentScorer;
import io.trendwatch.core.source.SemEvalFolder;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.core.view.ViewPolicy;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.SchemaMigrator;
import io.trendwatch.store.Sessions;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import static org.apache.spark.sql.functions.col;

/**
 * The nightly recompute over a large generated master dataset, on this
 * machine's local Spark and Cassandra: posts/s with the Cassandra writes, the
 * same counting without them, and a reference: DuckDB counting terms per hour,
 * per day and per minute (last days) over the same Parquet, in the same process.
 * DuckDB splits words with a regular expression instead of the shared tokenizer
 * (each post's terms made distinct, as in the views),
 * so its figure is a reference for the engine, not the same output.
 */
@Command(name = "batch-recompute-benchmark", mixinStandardHelpOptions = true,
        description = "Measure the batch recompute on N generated posts, with DuckDB over the same Parquet as reference.")
public final class BatchRecomputeBenchmark implements Callable<Integer> {

    @Option(names = "--posts", defaultValue = "10000000", description = "Posts to generate (default: ${DEFAULT-VALUE})")
    long posts;

    @Option(names = "--days", defaultValue = "7", description = "Days the posts span (default: ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--dir", description = "Where the generated master dataset is kept between runs "
            + "(default: $TRENDWATCH_HOME/bench/master-<posts>)")
    Path dir;

    @Option(names = "--keyspace", defaultValue = "tw_bench_batch", description = "Keyspace, dropped first (default: ${DEFAULT-VALUE})")
    String keyspace;

    @Option(names = "--model", defaultValue = "latest", description = "Sentiment model that labels the posts, as the "
            + "nightly run does: latest (of TRENDWATCH_MODELS), a version, or none (every post unscored) (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--skip-writes", description = "Only the counting and DuckDB, no Cassandra")
    boolean skipWrites;

    @Option(names = "--view-load", defaultValue = "driver", split = ",", description = "How the recompute loads its "
            + "count rows, as batch run --view-load: driver, sstable, or both in turn (driver,sstable: the second into "
            + "KEYSPACE_sstable), each into a fresh keyspace (default: ${DEFAULT-VALUE})")
    List<String> viewLoads;

    private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

    public static void main(String[] args) {
        System.exit(new CommandLine(new BatchRecomputeBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path root = dir != null ? dir : LocalFolders.home(System.getenv()).resolve("bench").resolve(
                "master-" + posts);
        SparkSession.Builder builder = SparkSession.builder().appName("batch-recompute-benchmark").master("local[2]")
                .config("spark.sql.shuffle.partitions", 4).config("spark.sql.parquet.compression.codec", "zstd");
        BatchSparkSettings.settings().forEach(builder::config);
        SparkSession spark = builder.getOrCreate();
        MasterDataset master = new MasterDataset(root);
        long stored = master.dates().isEmpty() ? 0 : spark.read().parquet(root.toString()).count();
        // the generator draws Poisson counts: the total is within a fraction of a percent of --posts
        if (Math.abs(stored - posts) > posts / 100) {
            generate(spark, root);
            stored = spark.read().parquet(root.toString()).count();
        }
        System.out.printf("master dataset: %,d posts over %d days in %s%n", stored, days, root);
        SentimentScorer sentiment = BenchModel.scorer(model);
        System.out.println("sentiment model: " + (BenchModel.NONE.equals(model) ? "none, every post unscored" : sentiment.version()));
        Instant asOf = START.plus(Duration.ofDays(days));
        RecomputePlan plan = RecomputePlan.nightly(asOf, Optional.empty(), Optional.of(START), RecomputePlan.Windows.DEFAULT);

        // the counting alone: every view row computed, nothing written
        long t0 = System.nanoTime();
        Dataset<Row> counts = TermCounting.bucketCounts(master.read(spark, plan.readFrom(), plan.viewsTo()), plan, sentiment)
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> hourly = TermCounting.rollUp(counts, Granularity.HOUR).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> daily = TermCounting.rollUp(hourly, Granularity.DAY);
        List<Row> perStep = TermCounting.viewRows(TermCounting.minutes(counts), hourly, daily, plan, ViewPolicy.DEFAULT)
                .groupBy("step", "kind").count().orderBy("step", "kind").collectAsList();
        double countSeconds = (System.nanoTime() - t0) / 1e9;
        long viewRows = perStep.stream().mapToLong(r -> r.getLong(2)).sum();
        perStep.forEach(r -> System.out.printf("  view rows %-6s %-8s %,12d%n", r.getString(0), r.getString(1), r.getLong(2)));
        hourly.unpersist();
        counts.unpersist();
        System.out.printf("spark counting only: %.1f s, %,.0f posts/s, %,d view rows (%.3f per post)%n",
                countSeconds, stored / countSeconds, viewRows, (double) viewRows / stored);

        if (!skipWrites) {
            for (String method : viewLoads) {
                ViewLoad load = ViewLoadOption.of(method, System.getenv());
                String ks = method.equals(viewLoads.get(0)) ? keyspace : keyspace + "_" + method;
                CassandraSettings cassandra = CassandraSettings.fromEnvironment().withKeyspace(ks);
                Sessions.get(cassandra).execute("DROP KEYSPACE IF EXISTS " + ks);
                new SchemaMigrator(Sessions.get(cassandra), cassandra).migrate();
                Optional<Duration> nodeBefore = localNodeCpu();
                BatchJob.Result r = new BatchJob(spark, master, cassandra, BatchJob.Settings.DEFAULT.withViewLoad(load), sentiment)
                        .run(plan);
                double seconds = r.durationMs() / 1000.0;
                System.out.printf("spark recompute with Cassandra writes: %.1f s, %,.0f posts/s, %,d rows written (%.3f per post, "
                                + "%,.0f rows/s), view load %s, keyspace %s%n", seconds, r.inputPosts() / seconds, r.rowsWritten(),
                        (double) r.rowsWritten() / r.inputPosts(), r.rowsWritten() / seconds, method, ks);
                nodeBefore.ifPresent(before -> localNodeCpu().ifPresent(after -> System.out.printf(
                        "  the local Cassandra node's CPU during it: %.1f s%n", after.minus(before).toMillis() / 1000.0)));
            }
        }

        double duck = duckdb(root, plan);
        System.out.printf("duckdb reference (2 threads, regex words, no writes): %.1f s, %,.0f posts/s; spark counting / duckdb = %.2f%n",
                duck, stored / duck, countSeconds / duck);
        Sessions.closeAll();
        return 0;
    }

    /** CPU time of the local stack's Cassandra node so far (its pid file under $TRENDWATCH_HOME), if it runs here. */
    private static Optional<Duration> localNodeCpu() {
        return Optional.ofNullable(StackCpu.localStack(LocalFolders.home(System.getenv())).get(StackCpu.CASSANDRA))
                .flatMap(node -> node.handle().info().totalCpuDuration());
    }

    /** Generates the posts in parallel: each task generates a slice of time with its own seed. */
    private void generate(SparkSession spark, Path root) throws Exception {
        System.out.printf("generating %,d posts over %d days into %s ...%n", posts, days, root);
        long t0 = System.nanoTime();
        int slices = days * 4;
        double rate = posts / (days * 86_400.0);
        String corpusDir = System.getenv().getOrDefault("TRENDWATCH_SHARED_DIR", "../shared") + "/data/semeval2017-task4/subtask-a";
        List<Integer> ids = IntStream.range(0, slices).boxed().toList();
        Dataset<Row> rows = spark.createDataset(ids, Encoders.INT()).repartition(8)
                .flatMap((FlatMapFunction<Integer, Row>) slice -> slice(slice, rate, corpusDir), Encoders.row(PostRows.SCHEMA));
        rows.repartition(col("date")).write().mode(SaveMode.Overwrite).partitionBy("date").parquet(root.toString());
        System.out.printf("generated in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private static Iterator<Row> slice(int slice, double rate, String corpusDir) throws Exception {
        Instant from = START.plus(Duration.ofHours(6L * slice));
        GeneratorSpec spec = GeneratorSpec.of(rate, Duration.ofHours(6), from, 1_000L + slice).withBursts(2, 10, Duration.ofHours(1));
        StreamGenerator generator = new StreamGenerator(spec, corpus(corpusDir));
        List<Row> out = new ArrayList<>();
        generator.generate((second, batch) -> {
            for (Post p : batch) {
                out.add(PostRows.toRow(p, "generated:" + slice));
            }
        });
        return out.iterator();
    }

    private static Corpus cachedCorpus;

    private static synchronized Corpus corpus(String dir) throws Exception {
        if (cachedCorpus == null) {
            cachedCorpus = Corpus.of(SemEvalFolder.posts(Path.of(dir)));
        }
        return cachedCorpus;
    }

    /** Distinct posts per term and hour, per day, and per minute for the minute days: the views' shape in SQL. */
    private static double duckdb(Path root, RecomputePlan plan) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("SET threads = 2");
            // beside a JVM with a large heap and Cassandra: DuckDB's default (80 % of RAM) would not fit
            st.execute("SET memory_limit = '4GB'");
            st.execute("SET temp_directory = '" + root.toAbsolutePath().getParent().resolve("duckdb-tmp") + "'");
            String parquet = root.toAbsolutePath() + "/date=*/*.parquet";
            String terms = "unnest(list_distinct(regexp_extract_all(lower(text), '[#@$]?[a-z0-9_'']{2,}')))";
            long t0 = System.nanoTime();
            st.execute("CREATE TEMP TABLE hourly AS SELECT date_trunc('hour', created_at) AS bucket, term, count(*) AS posts "
                    + "FROM (SELECT created_at, " + terms + " AS term FROM read_parquet('" + parquet + "')) GROUP BY ALL");
            st.execute("CREATE TEMP TABLE daily AS SELECT date_trunc('day', bucket) AS bucket, term, sum(posts) AS posts "
                    + "FROM hourly GROUP BY ALL");
            st.execute("CREATE TEMP TABLE minutely AS SELECT date_trunc('minute', created_at) AS bucket, term, count(*) AS posts "
                    + "FROM (SELECT created_at, " + terms + " AS term FROM read_parquet('" + parquet + "') WHERE created_at >= TIMESTAMP '"
                    + plan.minuteFrom().toString().replace("T", " ").replace("Z", "") + "') GROUP BY ALL");
            double seconds = (System.nanoTime() - t0) / 1e9;
            try (ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM hourly), (SELECT count(*) FROM daily), "
                    + "(SELECT count(*) FROM minutely)")) {
                rs.next();
                System.out.printf("duckdb rows: %,d hourly, %,d daily, %,d minutely%n", rs.getLong(1), rs.getLong(2), rs.getLong(3));
            }
            return seconds;
        }
    }
}
