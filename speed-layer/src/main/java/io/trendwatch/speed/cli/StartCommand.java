package io.trendwatch.speed.cli;

import io.trendwatch.core.config.PostsTopicOptions;
import io.trendwatch.store.cli.KeyspaceOption;
import com.datastax.oss.driver.api.core.CqlSession;
import io.trendwatch.core.ExitCodes;
import io.trendwatch.core.config.KafkaAddress;
import io.trendwatch.core.config.LocalFolders;
import io.trendwatch.core.sentiment.SentimentScorer;
import io.trendwatch.core.time.Durations;
import io.trendwatch.core.trend.TrendParams;
import io.trendwatch.core.config.KafkaSecurity;
import io.trendwatch.core.post.EventTimeGuard;
import io.trendwatch.model.registry.PromotedSentiment;
import io.trendwatch.speed.pipeline.LostOffsets;
import io.trendwatch.speed.pipeline.ReplayFloor;
import io.trendwatch.speed.pipeline.SpeedConfig;
import io.trendwatch.speed.pipeline.SpeedSession;
import io.trendwatch.speed.run.SpeedQueries;
import io.trendwatch.speed.sink.SpeedMetrics;
import io.trendwatch.speed.supervise.RestartPolicy;
import io.trendwatch.speed.supervise.TransientFailures;
import io.trendwatch.store.CassandraConnector;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.SchemaMigrator;
import io.trendwatch.store.views.SpeedStatus;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** {@code trendwatch speed start}: runs the streaming queries until SIGTERM, resuming from the checkpoint. */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = {"Run the speed layer: read the posts topic, keep the 1-minute speed views and the terms' example",
                "posts in Cassandra current, send malformed records to the dead-letter topic. While Cassandra or Kafka",
                "is away it waits and starts again from its checkpoint (up to --max-outage). Stops on SIGTERM/Ctrl-C",
                "within 15 s, broker or not, and resumes from its checkpoint on the next start."})
public final class StartCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(StartCommand.class);
    private static final int SHUTDOWN_PRIORITY = 50;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(4);
    /** What SIGTERM waits at most, after stopping the queries side by side, for run() to see them stopped. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(4);

    @Mixin
    PostsTopicOptions posts;

    @Option(names = "--dlq-topic", description = "Dead-letter topic (default: $TRENDWATCH_DLQ_TOPIC or "
            + KafkaAddress.DEFAULT_DEAD_LETTER_TOPIC + ")")
    String dlqTopic;

    @Option(names = "--checkpoint-dir", description = "Checkpoint folder (default: $TRENDWATCH_CHECKPOINTS/speed or $TRENDWATCH_HOME/checkpoints/speed)")
    Path checkpointDir;

    @Option(names = "--watermark", defaultValue = "10m", description = "How late a post may arrive and still be counted here (default: ${DEFAULT-VALUE})")
    String watermark;

    @Option(names = "--trigger", defaultValue = "1s", description = "Micro-batch interval (default: ${DEFAULT-VALUE})")
    String trigger;

    @Option(names = "--max-offsets-per-trigger", defaultValue = "200000", description = "Largest micro-batch, in records (default: ${DEFAULT-VALUE})")
    long maxOffsetsPerTrigger;

    @Option(names = "--starting-offsets", defaultValue = "earliest",
            description = "Where a new checkpoint starts reading: earliest or latest (default: ${DEFAULT-VALUE})")
    String startingOffsets;

    @Option(names = "--count-from", paramLabel = "TIME",
            description = "Count only posts dated at or after TIME (ISO-8601, e.g. 2026-12-03T18:00:00Z) in the speed views "
                    + "and examples; earlier ones are left to the batch layer's views and counted as before_count_from in "
                    + "the metrics line. For a topic whose history a batch run recomputes anyway (default: every post)")
    String countFrom;

    @Option(names = "--max-future-skew", defaultValue = "5m",
            description = "A post dated more than this after it reached Kafka is a dead letter (FUTURE_TIMESTAMP) "
                    + "and never moves the watermark; the batch archive applies the same rule (default: ${DEFAULT-VALUE})")
    String maxFutureSkew;

    @Option(names = "--max-outage", defaultValue = "15m",
            description = {"While Cassandra or Kafka is unreachable the speed layer waits and starts its queries again from the",
                    "checkpoint (after 1 s, doubling up to 30 s); after this long it exits with status 1 (default: ${DEFAULT-VALUE})"})
    String maxOutage;

    @Option(names = "--accept-data-loss",
            description = {"Go on when offsets the checkpoint has not read were deleted by the topic's retention (counted as",
                    "lost_records in /api/v1/status). Without it the query fails and names the range."})
    boolean acceptDataLoss;

    @Option(names = "--query-name", defaultValue = SpeedStatus.DEFAULT_QUERY, description = "Name of the query in metrics and the speed status (default: ${DEFAULT-VALUE})")
    String queryName;

    @Option(names = "--master", description = "Spark master when not set by spark-submit (default: local[2])")
    String master;

    @Option(names = "--shuffle-partitions", defaultValue = "2", description = "spark.sql.shuffle.partitions (default: ${DEFAULT-VALUE})")
    int shufflePartitions;

    @Mixin
    KeyspaceOption keyspace;

    @Override
    public Integer call() throws Exception {
        if (!startingOffsets.equals("earliest") && !startingOffsets.equals("latest")) {
            System.err.println("--starting-offsets must be earliest or latest");
            return ExitCodes.BAD_INPUT;
        }
        Instant from;
        try {
            from = countFrom == null ? SpeedConfig.COUNT_ALL : Instant.parse(countFrom);
        } catch (DateTimeParseException e) {
            System.err.println("--count-from must be an ISO-8601 time such as 2026-12-03T18:00:00Z, not '" + countFrom + "'");
            return ExitCodes.BAD_INPUT;
        }
        CassandraSettings cassandra = keyspace.cassandra();
        SentimentScorer sentiment;
        try (CqlSession session = CassandraConnector.connect(cassandra)) {
            SchemaMigrator.Result r = new SchemaMigrator(session, cassandra).migrate();
            LOG.info("schema of keyspace {}: applied {}, already applied {}", cassandra.keyspace(), r.applied(), r.alreadyApplied());
            sentiment = PromotedSentiment.scorer(session, cassandra.keyspace());
            LOG.info("sentiment model in use: {}", sentiment.version());
            if (!from.equals(SpeedConfig.COUNT_ALL)) {
                LOG.info("counting posts dated from {}: earlier ones are left to the batch layer's views", from);
            }
        }
        SpeedConfig cfg = new SpeedConfig(
                posts.bootstrap(),
                posts.topic(), dlqTopic != null ? dlqTopic : KafkaAddress.deadLetterTopic(System.getenv()),
                (checkpointDir != null ? checkpointDir : LocalFolders.checkpoints(System.getenv(), "speed")).toAbsolutePath().toString(),
                Durations.parse(watermark), Durations.parse(trigger), maxOffsetsPerTrigger, startingOffsets,
                new EventTimeGuard(Durations.parse(maxFutureSkew)), queryName, TrendParams.DEFAULT, acceptDataLoss,
                KafkaSecurity.fromEnvironment(), from);
        return run(cfg, cassandra, sentiment);
    }

    private int run(SpeedConfig cfg, CassandraSettings cassandra, SentimentScorer sentiment) throws Exception {
        SparkSession.Builder builder = SpeedSession.builder(shufflePartitions, STOP_TIMEOUT).appName("trendwatch-speed");
        if (master != null || System.getProperty("spark.master") == null) {
            builder.master(master != null ? master : "local[2]");
        }
        SparkSession spark = builder.getOrCreate();
        LongAccumulator rowsWritten = spark.sparkContext().longAccumulator("speed.rowsWritten");

        // the hook stops the queries and waits until run() has seen them stop (not for main() to
        // end: main's System.exit blocks while hooks run). Hadoop's hook manager runs it before
        // Spark's own hook (priority 40) stops the SparkContext under the queries. Each stop is
        // bounded (spark.sql.streaming.stopTimeout), so a broker that is away cannot hold it. Then it
        // closes the state stores, which Spark would leave open to the JVM's exit.
        AtomicBoolean stopping = new AtomicBoolean();
        CountDownLatch stopSignal = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        AtomicReference<List<StreamingQuery>> running = new AtomicReference<>(List.of());
        org.apache.hadoop.util.ShutdownHookManager.get().addShutdownHook(() -> {
            LOG.info("stopping the speed layer");
            stopping.set(true);
            stopSignal.countDown();
            SpeedQueries.stopAll(running.get(), STOP_TIMEOUT);
            try {
                finished.await(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            SpeedQueries.closeStateStores(running.get());
        }, SHUTDOWN_PRIORITY);

        Instant floor = ReplayFloor.of(cfg).orElse(Instant.EPOCH);
        RestartPolicy restarts = new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), Durations.parse(maxOutage));
        SpeedMetrics metrics = null;
        try {
            while (!stopping.get()) {
                List<StreamingQuery> queries = List.of();
                Throwable failure = null;
                try {
                    // Cassandra or Kafka may go away while Spark starts (tens of seconds): the same outage rule holds
                    if (metrics == null) {
                        metrics = new SpeedMetrics(cfg, cassandra, rowsWritten);
                        spark.streams().addListener(metrics);
                    }
                    queries = SpeedQueries.start(spark, cfg, cassandra, sentiment, rowsWritten, floor);
                } catch (Exception e) {
                    if (!TransientFailures.isTransient(e)) {
                        throw e;
                    }
                    failure = e;
                    // a query that did start (the dead letters' starts first) is stopped below with the others
                    queries = List.of(spark.streams().active());
                }
                running.set(queries);
                if (stopping.get()) {   // the hook ran while they started
                    SpeedQueries.stopAll(queries, STOP_TIMEOUT);
                    return 0;
                }
                // until one of these queries ends (a query stopped earlier may still count as terminated)
                while (failure == null && queries.stream().allMatch(StreamingQuery::isActive)) {
                    try {
                        spark.streams().awaitAnyTermination();
                    } catch (StreamingQueryException e) {
                        failure = e;
                    }
                    spark.streams().resetTerminated();
                }
                if (stopping.get()) {   // the hook stops them: stopping them here too would double the wait
                    return 0;
                }
                SpeedQueries.stopAll(queries, STOP_TIMEOUT);
                spark.streams().resetTerminated();
                if (failure == null) {
                    failure = queries.stream().filter(q -> q.exception().isDefined()).map(q -> (Throwable) q.exception().get())
                            .findFirst().orElse(null);
                }
                if (failure == null) {
                    LOG.info("the queries stopped without an error");
                    return 0;
                }
                // the outage is over once the views query (the one that writes to Cassandra) completed a micro-batch;
                // the dead-letter query makes progress without Cassandra
                if (!queries.isEmpty() && queries.get(0).recentProgress().length > 0) {
                    restarts.recovered();
                }
                Optional<Duration> pause = restarts.afterFailure(failure, Instant.now());
                Optional<String> lost = TransientFailures.dataLoss(failure);
                if (lost.isPresent()) {
                    String message = "records of " + cfg.postsTopic() + " were deleted by the topic's retention before the speed "
                            + "layer read them: " + LostOffsets.describe(cfg).orElse(lost.get())
                            + ". Their posts are in no speed view. To go on and count the loss (lost_records in the speed status and /api/v1/status), "
                            + "start again with --accept-data-loss.";
                    LOG.error("the speed layer stops: {}", message);
                    System.err.println("speed layer: " + message);
                    return 1;
                }
                if (pause.isEmpty()) {
                    LOG.error("the speed layer stops: {}", TransientFailures.isTransient(failure)
                            ? "Cassandra or Kafka has been unreachable for longer than --max-outage " + maxOutage
                            + " (since " + restarts.outageStart().orElse(null) + "); start them, then start the speed layer"
                            : "the failure is not an outage of Cassandra or Kafka", failure);
                    return 1;
                }
                String waiting = "waiting for Cassandra or Kafka: " + rootMessage(failure) + "; starting again from the checkpoint in "
                        + pause.get().toSeconds() + " s (outage since " + restarts.outageStart().orElseThrow()
                        + ", the speed layer gives up after --max-outage " + maxOutage + ")";
                LOG.warn("speed layer {}", waiting);
                if (metrics != null) {
                    metrics.reportWaiting(waiting);
                }
                if (stopSignal.await(pause.get().toMillis(), TimeUnit.MILLISECONDS)) {
                    return 0;
                }
            }
            return 0;
        } finally {
            finished.countDown();
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getClass().getSimpleName() + ": " + root.getMessage();
        return m.length() > 300 ? m.substring(0, 300) + "…" : m;
    }
}
