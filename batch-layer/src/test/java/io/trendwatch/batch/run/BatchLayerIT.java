package io.trendwatch.batch.run;

import io.trendwatch.core.testing.LoopbackProxy;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.servererrors.QueryExecutionException;
import io.trendwatch.batch.TestSpark;
import io.trendwatch.batch.master.FileImporter;
import io.trendwatch.batch.master.KafkaArchiver;
import io.trendwatch.batch.master.MasterDataset;
import io.trendwatch.batch.cli.ViewLoadOption;
import io.trendwatch.batch.views.RecomputePlan;
import io.trendwatch.batch.views.ViewLoad;
import io.trendwatch.core.config.KafkaAddress;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.post.PostCodec;
import io.trendwatch.core.sentiment.SentimentScorer;
import io.trendwatch.core.source.PostFormat;
import io.trendwatch.core.source.SemEvalTweet;
import io.trendwatch.core.testing.SharedData;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.core.view.ViewPolicy;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.Publications;
import io.trendwatch.store.SchemaMigrator;
import io.trendwatch.store.Sessions;
import io.trendwatch.store.views.Tables;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The batch layer on real Spark (in this JVM), real Kafka and real Cassandra
 * (from bin/test), over real SemEval tweets with their real timestamps: one
 * file imported, another published to a topic with malformed records between
 * its posts and archived. The tests run in order on one keyspace and one master
 * dataset: land the posts, recompute, rerun, fail a run, backfill a day.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BatchLayerIT {

    /** The class's folder (static: filled before {@code @BeforeAll}); removed once the tests pass, kept when one fails. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path tmp;

    private static final String BOOTSTRAP = KafkaAddress.bootstrap(System.getenv());
    private static final PostCodec CODEC = new PostCodec();

    private final String run = "it" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String topic = "posts-batch-" + run;
    private CassandraSettings cassandra;
    private CqlSession session;
    private SparkSession spark;
    private MasterDataset master;
    private final List<Post> landed = new ArrayList<>();
    private Instant asOf;
    private BatchJob.Result driverRun;

    @BeforeAll
    void setUp() throws Exception {
        cassandra = CassandraSettings.fromEnvironment().withKeyspace("tw_batch_" + run);
        session = Sessions.get(cassandra);
        new SchemaMigrator(session, cassandra).migrate();
        spark = TestSpark.session();
        master = new MasterDataset(Files.createDirectories(tmp.resolve("master")));
    }

    private static List<Post> semEval(String file) throws Exception {
        List<Post> posts = new ArrayList<>();
        for (String line : Files.readString(SharedData.subtaskA().resolve(file)).split("\n")) {
            if (!line.isBlank()) {
                posts.add(SemEvalTweet.parse(line).toPost());
            }
        }
        return posts;
    }

    private BatchJob job() {
        return new BatchJob(spark, master, cassandra, BatchJob.Settings.DEFAULT, SentimentScorer.UNSCORED);
    }

    @Test
    @Order(1)
    void importAndArchiveLandEveryPostOnce() throws Exception {
        Path file = SharedData.subtaskA().resolve("twitter-2016train-A.tsv");
        List<Post> imported = semEval("twitter-2016train-A.tsv");
        long distinctImported = imported.stream().map(Post::id).distinct().count();

        FileImporter.Result first = new FileImporter().importFile(spark, master, file, PostFormat.SEMEVAL, n -> { });
        assertThat(first.records()).isEqualTo(imported.size());
        assertThat(first.added()).isEqualTo(distinctImported).isLessThan(imported.size()); // the file repeats some ids
        FileImporter.Result again = new FileImporter().importFile(spark, master, file, PostFormat.SEMEVAL, n -> { });
        assertThat(again.added()).isZero();

        // another file through the topic, malformed records between the posts, and a post the import already has
        List<Post> published = semEval("twitter-2016devtest-A.tsv");
        List<byte[]> values = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int i = 0; i < published.size(); i++) {
                values.add(CODEC.encode(published.get(i)));
                if (i % 500 == 0) {
                    values.add("{not json".getBytes(StandardCharsets.UTF_8));
                    values.add("{\"id\":42,\"platform\":\"x\",\"author\":\"a\",\"text\":\"t\",\"created_at\":\"2015-10-01T00:00:00Z\"}"
                            .getBytes(StandardCharsets.UTF_8));
                }
            }
            values.add(CODEC.encode(imported.get(0)));
            for (byte[] v : values) {
                producer.send(new ProducerRecord<>(topic, v)).get();
            }
        }
        KafkaArchiver archiver = new KafkaArchiver(BOOTSTRAP, topic);
        KafkaArchiver.Result archived = archiver.archive(spark, master);
        Set<String> importedIds = new HashSet<>();
        imported.forEach(p -> importedIds.add(p.id()));
        long newIds = published.stream().map(Post::id).filter(id -> !importedIds.contains(id)).distinct().count();
        assertThat(archived.records()).isEqualTo(values.size());
        assertThat(archived.rejected()).isEqualTo(8);
        assertThat(archived.rejectedByReason()).containsKeys("MALFORMED_JSON", "WRONG_TYPE");
        assertThat(archived.added()).isEqualTo(newIds);
        KafkaArchiver.Result twice = archiver.archive(spark, master);
        assertThat(twice.records()).isZero();
        assertThat(twice.added()).isZero();

        landed.addAll(imported);
        landed.addAll(published);
        long distinct = landed.stream().map(Post::id).distinct().count();
        assertThat(spark.read().parquet(master.root().toString()).count()).isEqualTo(distinct);
        assertThat(spark.read().parquet(master.root().toString()).select("id").distinct().count()).isEqualTo(distinct);
        Instant last = landed.stream().map(Post::createdAt).max(Comparator.naturalOrder()).orElseThrow();
        asOf = Granularity.DAY.bucketStart(last).plus(Duration.ofDays(1)).plusSeconds(5 * 3600 + 17 * 60 + 31);
    }

    @Test
    @Order(2)
    void runWritesExactlyTheIndependentlyComputedViewsThenPublishes() throws Exception {
        RecomputePlan plan = RecomputePlan.nightly(asOf, Optional.empty(), firstDay(), RecomputePlan.Windows.DEFAULT);
        BatchJob.Result r = job().run(plan);
        driverRun = r;

        Map<ExpectedBatchViews.Key, Long> expected = ExpectedBatchViews.of(landed, plan, ViewPolicy.DEFAULT);
        Map<ExpectedBatchViews.Key, Long> actual = counts();
        assertThat(actual).hasSameSizeAs(expected);
        assertThat(actual).isEqualTo(expected);
        assertThat(expected.keySet().stream().map(ExpectedBatchViews.Key::step).distinct()).contains("minute", "hour", "day");

        assertThat(r.inputPosts()).isEqualTo(landed.stream().map(Post::id).distinct().count());
        assertThat(boundary()).isEqualTo(Granularity.HOUR.bucketStart(asOf));
        Row record = session.execute("SELECT status, input_posts, rows_written FROM " + Tables.BATCH_RUNS.in(cassandra.keyspace())
                + " WHERE run_id = ?", r.runId()).one();
        assertThat(record.getString("status")).isEqualTo("published");
        assertThat(record.getLong("rows_written")).isEqualTo(r.rowsWritten()).isGreaterThan(actual.size());
        String baselinesRun = new Publications(session, cassandra.keyspace()).current().orElseThrow().baselinesRun();
        assertThat(baselinesRun).isEqualTo(r.runId());
        assertThat(session.execute("SELECT count(*) FROM " + Tables.RUN_BASELINES.in(cassandra.keyspace()) + " WHERE run_id = ? "
                + "ALLOW FILTERING", r.runId()).one().getLong(0)).isPositive();

        // the run marks as ranked exactly the hours and days of its range that hold posts, empty or not
        Set<String> marked = new TreeSet<>();
        for (Row m : session.execute("SELECT step, bucket, run_id, rank FROM " + Tables.BATCH_RANKINGS.in(cassandra.keyspace()))) {
            if (m.getString(2).equals(r.runId()) && m.getInt(3) == Publications.RANKED_MARK) {
                marked.add(m.getString(0) + "|" + m.getInstant(1));
            }
        }
        Set<String> withPosts = new TreeSet<>();
        for (Granularity step : List.of(Granularity.HOUR, Granularity.DAY)) {
            Instant end = step.bucketStart(plan.viewsTo());
            landed.stream().map(Post::createdAt).filter(t -> !t.isBefore(plan.viewsFrom()) && t.isBefore(end))
                    .forEach(t -> withPosts.add(step.label() + "|" + step.bucketStart(t)));
        }
        assertThat(marked).isEqualTo(withPosts);
    }

    /**
     * The same recompute with its count rows loaded as SSTables (bin/view-loader) into a keyspace of its own: the same
     * rows as the independent count and as the driver's upserts, every cell stamped with the run's write timestamp,
     * the minute rows with the week's TTL and the others with none, as the upserts are; and the stage is removed.
     */
    @Test
    @Order(3)
    void theSameRunLoadedAsSSTablesLeavesTheSameCells() throws Exception {
        CassandraSettings bulk = cassandra.withKeyspace(cassandra.keyspace() + "_sst");
        new SchemaMigrator(session, bulk).migrate();
        Path stage = Files.createDirectories(tmp.resolve("stage"));
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putIfAbsent("TRENDWATCH_VIEW_LOADER", Path.of("..", "bin", "view-loader").toAbsolutePath().normalize().toString());
        env.putIfAbsent("TRENDWATCH_CASSANDRA_STORAGE_PORT", env.getOrDefault("TW_CASSANDRA_STORAGE_PORT", "7000"));
        ViewLoad.SSTables load = (ViewLoad.SSTables) ViewLoadOption.of("sstable", env);
        RecomputePlan plan = RecomputePlan.nightly(asOf, Optional.empty(), firstDay(), RecomputePlan.Windows.DEFAULT);
        BatchJob.Result r = new BatchJob(spark, master, bulk,
                BatchJob.Settings.DEFAULT.withViewLoad(new ViewLoad.SSTables(load.loader(), stage, load.storagePort())),
                SentimentScorer.UNSCORED).run(plan);

        Map<ExpectedBatchViews.Key, Long> expected = ExpectedBatchViews.of(landed, plan, ViewPolicy.DEFAULT);
        assertThat(countsIn(bulk.keyspace())).isEqualTo(expected);
        assertThat(countTables(bulk.keyspace())).isEqualTo(countTables(cassandra.keyspace()));
        assertThat(examples(bulk.keyspace())).isNotEmpty().isEqualTo(examples(cassandra.keyspace()));
        assertThat(r.rowsWritten()).isEqualTo(driverRun.rowsWritten());
        assertThat(r.inputPosts()).isEqualTo(driverRun.inputPosts());
        try (Stream<Path> left = Files.list(stage)) {
            assertThat(left).as("the stage is removed once loaded").isEmpty();
        }

        Set<Long> writeTimes = new HashSet<>();
        long weekSeconds = Duration.ofDays(7).toSeconds();
        for (String table : List.of(Tables.BATCH_TERM_COUNTS.in(bulk.keyspace()), Tables.BATCH_BUCKET_TOTALS.in(bulk.keyspace()))) {
            for (Row row : session.execute("SELECT step, run_id, writetime(posts), ttl(posts) FROM " + table)) {
                assertThat(row.getString(1)).isEqualTo(r.runId());
                writeTimes.add(row.getLong(2));
                if (row.getString(0).equals("minute")) {
                    assertThat(row.getInt(3)).isBetween((int) weekSeconds - 3600, (int) weekSeconds);
                } else {
                    assertThat(row.isNull(3)).as("%s rows do not expire", row.getString(0)).isTrue();
                }
            }
        }
        for (Row row : session.execute("SELECT run_id, writetime(rank), ttl(rank) FROM "
                + Tables.BATCH_TERM_EXAMPLES.in(bulk.keyspace()))) {
            assertThat(row.getString(0)).isEqualTo(r.runId());
            writeTimes.add(row.getLong(1));
            assertThat(row.getInt(2)).isBetween((int) weekSeconds - 3600, (int) weekSeconds);
        }
        assertThat(writeTimes).as("one write timestamp, the run's").hasSize(1);
        Sessions.get(bulk).execute("DROP KEYSPACE " + bulk.keyspace());
    }

    @Test
    @Order(4)
    void aRerunChangesNothing() throws Exception {
        Map<String, String> before = snapshot();
        RecomputePlan plan = RecomputePlan.nightly(asOf, Optional.of(boundary()), firstDay(), RecomputePlan.Windows.DEFAULT);
        job().run(plan);
        assertThat(snapshot()).isEqualTo(before);
        assertThat(boundary()).isEqualTo(Granularity.HOUR.bucketStart(asOf));
    }

    @Test
    @Order(5)
    void aRunThatDiesBeforePublishingLeavesTheBoundary() {
        Instant published = boundary();
        RecomputePlan plan = RecomputePlan.nightly(asOf.plus(Duration.ofDays(1)), Optional.of(published), firstDay(),
                RecomputePlan.Windows.DEFAULT);
        BatchJob dying = job().beforePublish(() -> {
            throw new IllegalStateException("killed before publishing");
        });
        assertThatThrownBy(() -> dying.run(plan)).hasMessageContaining("killed before publishing");
        assertThat(boundary()).isEqualTo(published);
        assertThat(session.execute("SELECT status FROM " + Tables.BATCH_RUNS.in(cassandra.keyspace())).all())
                .extracting(r -> r.getString(0)).contains("failed");
    }

    /** `trendwatch batch run` in its own JVM, SIGKILLed while it writes its rows. */
    @Test
    @Order(6)
    void aRunKilledWhileWritingLeavesTheBoundaryAndTheNextRunRepairsEverything() throws Exception {
        Instant published = boundary();
        Instant later = asOf.plus(Duration.ofDays(2));
        // a month again, so the run has many rows to write when it is killed
        RunProcess run = startRun("batch-run", later, Map.of());
        Process process = run.process();
        try {
            String runId = awaitRunning(process, this::hasWritten);
            assertThat(runId).as("a run that wrote rows; its log: %s", Files.readString(run.log())).isNotNull();
            assertThat(process.isAlive()).as("the run was still writing; its log: %s", Files.readString(run.log())).isTrue();
            process.destroyForcibly(); // SIGKILL: no shutdown hook, no failure record
            process.waitFor();
            assertThat(boundary()).isEqualTo(published);
            assertThat(session.execute("SELECT status FROM " + Tables.BATCH_RUNS.in(cassandra.keyspace()) + " WHERE run_id = ?", runId)
                    .one().getString(0)).isEqualTo("running");
        } finally {
            process.destroyForcibly();
        }
        // the next run over the same range publishes, and its views are exact again
        RecomputePlan plan = RecomputePlan.nightly(later, Optional.of(published), firstDay(), new RecomputePlan.Windows(30, 2, 14));
        job().run(plan);
        assertThat(boundary()).isEqualTo(Granularity.HOUR.bucketStart(later));
        Map<ExpectedBatchViews.Key, Long> expected = ExpectedBatchViews.of(landed, plan, ViewPolicy.DEFAULT);
        Map<ExpectedBatchViews.Key, Long> actual = new HashMap<>(counts());
        actual.keySet().removeIf(k -> k.bucket().isBefore(k.step().equals("minute") ? plan.minuteFrom() : plan.viewsFrom()));
        assertThat(actual).isEqualTo(expected);
        asOf = later;
    }

    /**
     * Whether the run has written a view row yet. The bucket totals are written in the same pass as the term counts
     * and are a few thousand rows, so the probe stays cheap while the run loads the machine; a probe that fails under
     * that load (a read timeout or failure) is an answer of "not yet", and the next probe asks again.
     */
    private boolean hasWritten(String runId) {
        try {
            return session.execute("SELECT run_id FROM " + Tables.BATCH_BUCKET_TOTALS.in(cassandra.keyspace())
                    + " WHERE run_id = ? LIMIT 1 ALLOW FILTERING", runId).one() != null;
        } catch (QueryExecutionException e) {
            System.err.println("probe of run " + runId + " failed, asking again: " + e.getMessage());
            return false;
        }
    }

    @Test
    @Order(7)
    void backfillOfOneDayRewritesThatDayOnly() throws Exception {
        // the busiest day well before the boundary, and three posts of it that arrive late
        Map<LocalDate, Long> perDay = new HashMap<>();
        landed.forEach(p -> perDay.merge(LocalDate.ofInstant(p.createdAt(), ZoneOffset.UTC), 1L, Long::sum));
        LocalDate day = perDay.entrySet().stream()
                .filter(e -> e.getKey().isBefore(LocalDate.ofInstant(asOf, ZoneOffset.UTC).minusDays(3)))
                .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        Path late = Files.createTempFile("late", ".jsonl");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Post p = Post.ofText("late-" + run + "-" + i, "twitter", "analyst", "late but counted #latecomer" + run,
                    "en", day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(3600L * 9 + i));
            lines.add(CODEC.encodeToString(p));
            landed.add(p);
        }
        Files.write(late, lines);
        new FileImporter().importFile(spark, master, late, PostFormat.JSONL, n -> { });

        Map<String, Long> writeTimesBefore = writeTimes();
        Map<ExpectedBatchViews.Key, Long> countsBefore = counts();
        RecomputePlan plan = RecomputePlan.backfill(day, day, Optional.of(boundary()), LocalDate.now(ZoneOffset.UTC),
                RecomputePlan.Windows.DEFAULT);
        assertThat(plan.minuteFrom()).isAfterOrEqualTo(plan.viewsTo()); // an old day: its minutes are outside the minute window
        job().run(plan);
        Map<String, Long> writeTimesAfter = writeTimes();
        Map<ExpectedBatchViews.Key, Long> countsAfter = counts();

        Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant dayEnd = dayStart.plus(Duration.ofDays(1));
        int inside = 0;
        for (Map.Entry<String, Long> e : writeTimesBefore.entrySet()) {
            Instant bucket = Instant.parse(e.getKey().split("\\|")[1]);
            boolean ofTheDay = !bucket.isBefore(dayStart) && bucket.isBefore(dayEnd) && !e.getKey().startsWith("minute|");
            if (ofTheDay) {
                inside++;
                assertThat(writeTimesAfter.get(e.getKey())).as(e.getKey()).isGreaterThan(e.getValue());
            } else {
                assertThat(writeTimesAfter.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
            }
        }
        assertThat(inside).isPositive();
        // the day now counts the late posts; nothing else changed
        String tag = "#latecomer" + run;
        assertThat(countsAfter.get(new ExpectedBatchViews.Key("day", dayStart, tag))).isEqualTo(3);
        assertThat(countsAfter.get(new ExpectedBatchViews.Key("day", dayStart, "*")))
                .isEqualTo(countsBefore.get(new ExpectedBatchViews.Key("day", dayStart, "*")) + 3);
        countsBefore.forEach((k, v) -> {
            if (k.bucket().isBefore(dayStart) || !k.bucket().isBefore(dayEnd) || k.step().equals("minute")) {
                assertThat(countsAfter.get(k)).as(k.toString()).isEqualTo(v);
            }
        });
        // and equals the independent computation for that day
        Map<ExpectedBatchViews.Key, Long> expected = ExpectedBatchViews.of(landed, plan, ViewPolicy.DEFAULT);
        Map<ExpectedBatchViews.Key, Long> actualDay = new HashMap<>(countsAfter);
        actualDay.keySet().removeIf(k -> k.bucket().isBefore(dayStart) || !k.bucket().isBefore(dayEnd)
                || k.step().equals("minute"));
        assertThat(actualDay).isEqualTo(expected);
    }

    @Test
    @Order(8)
    void backfillCommandRefusesBadRangesAndDryRunWritesNothing() throws Exception {
        String ks = cassandra.keyspace();
        String dir = master.root().toString();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Cli reversed = Cli.run("backfill", "--from", "2015-09-02", "--to", "2015-09-01", "--keyspace", ks, "--master-dir", dir);
        assertThat(reversed.status()).isEqualTo(2);
        assertThat(reversed.err()).contains("reversed");
        Cli future = Cli.run("backfill", "--from", today.toString(), "--to", today.plusDays(3).toString(), "--keyspace", ks,
                "--master-dir", dir);
        assertThat(future.status()).isEqualTo(2);
        assertThat(future.err()).contains("not in the past");
        Cli notADate = Cli.run("backfill", "--from", "yesterday", "--to", "2015-09-01", "--keyspace", ks, "--master-dir", dir);
        assertThat(notADate.status()).isEqualTo(2);
        assertThat(notADate.err()).contains("--from and --to must be dates");

        LocalDate day = LocalDate.ofInstant(asOf, ZoneOffset.UTC).minusDays(5);
        Map<String, Long> before = writeTimes();
        Cli dry = Cli.run("backfill", "--from", day.toString(), "--to", day.plusDays(1).toString(), "--dry-run",
                "--keyspace", ks, "--master-dir", dir);
        assertThat(dry.status()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("dry run: nothing is written").contains(day.toString()).contains(day.plusDays(1).toString());
        assertThat(writeTimes()).isEqualTo(before);
    }

    /** `trendwatch batch run` in its own JVM while Cassandra is taken away from it mid-run; then the same run again. */
    @Test
    @Order(9)
    void aRunDuringACassandraOutageLeavesTheBoundaryAndSucceedsWhenRerun() throws Exception {
        Instant published = boundary();
        Instant later = asOf.plus(Duration.ofDays(1));
        // the run reaches Cassandra through a proxy: taking Cassandra away from it leaves the suite's running
        LoopbackProxy cassandraOfTheRun = LoopbackProxy.to(System.getenv().getOrDefault("TRENDWATCH_CASSANDRA", "127.0.0.1:9042"));
        RunProcess run = startRun("batch-run-outage", later, Map.of("TRENDWATCH_CASSANDRA", cassandraOfTheRun.address()));
        Path log = run.log();
        Process process = run.process();
        int exit;
        try (cassandraOfTheRun) {
            // the run has read what it needs and started: now Cassandra goes away
            awaitRunning(process, runId -> true);
            assertThat(process.isAlive()).as("the run had started; its log: %s", Files.readString(log)).isTrue();
            cassandraOfTheRun.cut();
            assertThat(process.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)).as("the run ends by itself").isTrue();
            exit = process.exitValue();
        } finally {
            process.destroyForcibly();
        }
        String out = Files.readString(log);
        System.out.println("BatchLayerIT: batch run with Cassandra taken away mid-run: exit " + exit + ": "
                + out.lines().filter(l -> l.contains("boundary in force")).findFirst().orElse("(no message)"));
        assertThat(exit).as(out).isEqualTo(3);
        assertThat(out).contains("boundary in force is unchanged");
        awaitCassandra();
        assertThat(boundary()).isEqualTo(published);

        Cli rerun = Cli.run("run", "--as-of", later.toString(), "--late-days", "30", "--skip-archive",
                "--keyspace", cassandra.keyspace(), "--master-dir", master.root().toString());
        assertThat(rerun.status()).as(rerun.err()).isZero();
        assertThat(boundary()).isEqualTo(Granularity.HOUR.bucketStart(later));
        asOf = later;
    }

    /**
     * `batch run --wait-for-speed`: with the speed layer's watermark short of the as-of hour, a run that may not wait
     * long enough publishes the hour of the watermark; one that may starts nothing while the speed layer has reported
     * no watermark yet (it has just started) or one short of the hour, then publishes the hour.
     */
    @Test
    @Order(10)
    void aRunWaitsForTheSpeedLayerToReachTheAsOfHour() throws Exception {
        Instant later = asOf.plus(Duration.ofDays(1));
        Instant hour = Granularity.HOUR.bucketStart(later);
        String query = "speed-" + run;
        setSpeedWatermark(query, hour.minus(Duration.ofMinutes(40)));

        Cli impatient = Cli.run("run", "--as-of", later.toString(), "--late-days", "30", "--skip-archive",
                "--speed-query", query, "--wait-for-speed", "2s", "--keyspace", cassandra.keyspace(),
                "--master-dir", master.root().toString());
        assertThat(impatient.status()).as(impatient.err()).isZero();
        assertThat(impatient.out()).contains("did not reach " + hour);
        assertThat(boundary()).isEqualTo(hour.minus(Duration.ofHours(1)));

        String starting = "starting-" + run;
        java.util.concurrent.CountDownLatch waitingSaid = new java.util.concurrent.CountDownLatch(1);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream() {
            @Override
            public synchronized void flush() {
                if (toString(StandardCharsets.UTF_8).contains("waiting up to 5m for speed layer " + starting + " to count up to "
                        + hour + " (no watermark reported yet)")) {
                    waitingSaid.countDown();
                }
            }
        };
        // the run killed mid-run by the outage above could not say it failed: its record still says 'running'
        Set<String> runningBefore = runningRuns();
        java.util.concurrent.CompletableFuture<Cli> patient = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> Cli.run(out, "run", "--as-of", later.toString(), "--late-days", "30", "--skip-archive",
                        "--speed-query", starting, "--wait-for-speed", "5m", "--keyspace", cassandra.keyspace(),
                        "--master-dir", master.root().toString()));
        assertThat(waitingSaid.await(3, java.util.concurrent.TimeUnit.MINUTES)).as("the run says it waits").isTrue();
        Thread.sleep(2000);   // two more reads: still no watermark
        assertThat(patient).as("the run waits while the speed layer has reported no watermark").isNotDone();
        setSpeedWatermark(starting, hour.minus(Duration.ofMinutes(1)));
        Thread.sleep(2000);   // two more reads of a watermark short of the hour
        assertThat(patient).as("the run waits while the watermark is short of the hour").isNotDone();
        assertThat(runningRuns()).as("no run has started").isEqualTo(runningBefore);
        setSpeedWatermark(starting, hour.plusSeconds(1));
        Cli waited = patient.get(5, java.util.concurrent.TimeUnit.MINUTES);
        assertThat(waited.status()).as(waited.err()).isZero();
        assertThat(waited.out()).contains("speed layer " + starting + " reached " + hour);
        assertThat(boundary()).isEqualTo(hour);
        asOf = later;
    }

    private Set<String> runningRuns() {
        Set<String> ids = new HashSet<>();
        session.execute("SELECT run_id FROM " + Tables.BATCH_RUNS.in(cassandra.keyspace())
                + " WHERE status = 'running' ALLOW FILTERING").forEach(r -> ids.add(r.getString(0)));
        return ids;
    }

    /** The watermark the speed layer records after each micro-batch (SpeedMetrics), for {@code query}. */
    private void setSpeedWatermark(String query, Instant watermark) {
        session.execute(Tables.SPEED_STATUS.insert(cassandra.keyspace(), "query, updated_at, watermark"),
                query, Instant.now(), watermark);
    }

    /** `trendwatch batch run --as-of T --late-days 30 --skip-archive` on this keyspace and master dataset, in its own JVM. */
    /** A batch run in its own JVM and the file its output goes to. */
    private record RunProcess(Process process, Path log) {
    }

    /**
     * The run id of the run whose record says 'running' once {@code until} holds for it; null when the process ends
     * first or 3 minutes pass.
     */
    private String awaitRunning(Process process, Predicate<String> until) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            Row running = session.execute("SELECT run_id FROM " + Tables.BATCH_RUNS.in(cassandra.keyspace())
                    + " WHERE status = 'running' ALLOW FILTERING").one();
            if (running != null && until.test(running.getString(0))) {
                return running.getString(0);
            }
            Thread.sleep(100);
        }
        return null;
    }

    private RunProcess startRun(String logName, Instant asOfRun, Map<String, String> env) throws IOException {
        Path log = Files.createTempFile(logName, ".log");
        Path root = Path.of(System.getProperty("trendwatch.root", "..")).toAbsolutePath().normalize();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + root.resolve("bin/lib/spark-jvm.options"), "-Xmx1g",
                "-jar", root.resolve("batch-layer/target/trendwatch-batch-layer.jar").toString(),
                "run", "--as-of", asOfRun.toString(), "--late-days", "30", "--skip-archive", "--keyspace", cassandra.keyspace(),
                "--master-dir", master.root().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().putAll(env);
        return new RunProcess(pb.start(), log);
    }

    private void awaitCassandra() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            try {
                session.execute("SELECT release_version FROM system.local");
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(1000);
            }
        }
    }

    /** The batch layer's command line, in this JVM (the tests' SparkSession is reused). */
    private record Cli(int status, String out, String err) {
        static Cli run(String... args) {
            return run(new java.io.ByteArrayOutputStream(), args);
        }

        /** The same, its standard output written to {@code o} as it comes. */
        static Cli run(java.io.ByteArrayOutputStream o, String... args) {
            java.io.PrintStream stdout = System.out;
            java.io.PrintStream stderr = System.err;
            java.io.ByteArrayOutputStream e = new java.io.ByteArrayOutputStream();
            System.setOut(new java.io.PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new java.io.PrintStream(e, true, StandardCharsets.UTF_8));
            try {
                int status = new picocli.CommandLine(new io.trendwatch.batch.BatchLayerMain()).execute(args);
                return new Cli(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
            } finally {
                System.setOut(stdout);
                System.setErr(stderr);
            }
        }
    }

    private Optional<Instant> firstDay() {
        return landed.stream().map(Post::createdAt).min(Comparator.naturalOrder()).map(Granularity.DAY::bucketStart);
    }

    private Instant boundary() {
        return new RunRecords(session, cassandra.keyspace()).boundary().orElseThrow();
    }

    private Map<ExpectedBatchViews.Key, Long> counts() {
        return countsIn(cassandra.keyspace());
    }

    private Map<ExpectedBatchViews.Key, Long> countsIn(String keyspace) {
        Map<ExpectedBatchViews.Key, Long> out = new HashMap<>();
        for (Row r : session.execute("SELECT term, step, bucket, posts, unscored FROM " + Tables.BATCH_TERM_COUNTS.in(keyspace))) {
            assertThat(r.getLong("unscored")).isEqualTo(r.getLong("posts")); // no model promoted: every post unscored
            out.put(new ExpectedBatchViews.Key(r.getString("step"), r.getInstant("bucket"), r.getString("term")), r.getLong("posts"));
        }
        for (Row r : session.execute("SELECT step, bucket, posts FROM " + Tables.BATCH_BUCKET_TOTALS.in(keyspace))) {
            out.put(new ExpectedBatchViews.Key(r.getString("step"), r.getInstant("bucket"), "*"), r.getLong("posts"));
        }
        return out;
    }

    /** Every row of the count tables, without the run id. */
    private Map<String, String> countTables(String ks) {
        Map<String, String> out = new HashMap<>();
        for (Row r : session.execute("SELECT term, step, bucket, kind, posts, positive, neutral, negative, unscored FROM "
                + Tables.BATCH_TERM_COUNTS.in(ks))) {
            out.put("counts|" + r.getString(0) + "|" + r.getString(1) + "|" + r.getInstant(2),
                    r.getString(3) + "|" + r.getLong(4) + "|" + r.getLong(5) + "|" + r.getLong(6) + "|" + r.getLong(7) + "|" + r.getLong(8));
        }
        for (Row r : session.execute("SELECT step, bucket, posts FROM " + Tables.BATCH_BUCKET_TOTALS.in(ks))) {
            out.put("totals|" + r.getString(0) + "|" + r.getInstant(1), Long.toString(r.getLong(2)));
        }
        return out;
    }

    /** Each (term, minute)'s example, keyed "term|minute". */
    private Map<String, String> examples(String ks) {
        Map<String, String> out = new HashMap<>();
        for (Row r : session.execute("SELECT term, minute, rank, id, created_at, text, sentiment FROM "
                + Tables.BATCH_TERM_EXAMPLES.in(ks))) {
            out.put(r.getString(0) + "|" + r.getInstant(1),
                    r.getLong(2) + "|" + r.getString(3) + "|" + r.getInstant(4) + "|" + r.getString(5) + "|" + r.getString(6));
        }
        return out;
    }

    /** Every row of every batch view table, without the run id. */
    private Map<String, String> snapshot() {
        String ks = cassandra.keyspace();
        Map<String, String> out = countTables(ks);
        // what readers see: each bucket's ranking by its latest published run, the baselines the boundary names
        Map<String, Instant> published = new HashMap<>();
        for (Row r : session.execute("SELECT run_id, published_at FROM " + Tables.PUBLISHED_RUNS.in(ks))) {
            published.put(r.getString(0), r.getInstant(1));
        }
        Map<String, Map<String, List<String>>> rankings = new TreeMap<>();
        for (Row r : session.execute("SELECT step, bucket, run_id, rank, term, posts, score FROM " + Tables.BATCH_RANKINGS.in(ks))) {
            rankings.computeIfAbsent(r.getString(0) + "|" + r.getInstant(1), k -> new HashMap<>())
                    .computeIfAbsent(r.getString(2), k -> new ArrayList<>())
                    .add(r.getInt(3) + "|" + r.getString(4) + "|" + r.getLong(5) + "|" + r.getDouble(6));
        }
        rankings.forEach((bucket, byRun) -> {
            for (String row : Publications.latestPublished(byRun, run -> Optional.ofNullable(published.get(run)))) {
                out.put("trending|" + bucket + "|" + row.substring(0, row.indexOf('|')), row.substring(row.indexOf('|') + 1));
            }
        });
        String baselinesRun = new Publications(session, ks).current().orElseThrow().baselinesRun();
        for (Row r : session.execute("SELECT step, term, mean, variance, observations, last_bucket FROM " + Tables.RUN_BASELINES.in(ks)
                + " WHERE run_id = ? ALLOW FILTERING", baselinesRun)) {
            out.put("baseline|" + r.getString(0) + "|" + r.getString(1),
                    r.getDouble(2) + "|" + r.getDouble(3) + "|" + r.getLong(4) + "|" + r.getInstant(5));
        }
        assertThat(out.keySet().stream().filter(k -> k.startsWith("trending|"))).isNotEmpty();
        return out;
    }

    /** Write time of every count row, keyed "step|bucket|term". */
    private Map<String, Long> writeTimes() {
        Map<String, Long> out = new HashMap<>();
        for (Row r : session.execute("SELECT term, step, bucket, writetime(posts) FROM " + Tables.BATCH_TERM_COUNTS.in(cassandra.keyspace()))) {
            out.put(r.getString(1) + "|" + r.getInstant(2) + "|" + r.getString(0), r.getLong(3));
        }
        for (Row r : session.execute("SELECT step, bucket, writetime(posts) FROM " + Tables.BATCH_BUCKET_TOTALS.in(cassandra.keyspace()))) {
            out.put(r.getString(0) + "|" + r.getInstant(1) + "|*", r.getLong(2));
        }
        return out;
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
