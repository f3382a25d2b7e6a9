package io.trendwatch.speed.run;

import io.trendwatch.core.sentiment.SentimentScorer;
import io.trendwatch.speed.pipeline.SpeedConfig;
import io.trendwatch.speed.pipeline.SpeedPipeline;
import io.trendwatch.speed.sink.ExampleWriter;
import io.trendwatch.speed.sink.ViewWriter;
import io.trendwatch.store.CassandraSettings;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.state.StateStore;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The speed layer's three streaming queries wired to their source and sinks: the views (Kafka, the graph of
 * {@link SpeedPipeline}, {@link ViewWriter} into Cassandra), the dead letters (back to Kafka) and the examples
 * ({@link ExampleWriter} into Cassandra), each with its own checkpoint folder under the configured one and its
 * trigger. {@code trendwatch speed start} supervises them.
 */
public final class SpeedQueries {

    private static final Logger LOG = LoggerFactory.getLogger(SpeedQueries.class);
    private static final long SLOW_TRIGGER_MS = 10_000;

    private SpeedQueries() {
    }

    /** Starts the queries; the views query first in the list. */
    public static List<StreamingQuery> start(SparkSession spark, SpeedConfig cfg, CassandraSettings cassandra,
                                              SentimentScorer sentiment, LongAccumulator rowsWritten, Instant floor) throws Exception {
        SpeedPipeline.Streams streams = SpeedPipeline.build(SpeedPipeline.kafkaSource(spark, cfg), cfg, sentiment);
        StreamingQuery dlq = streams.deadLetters().writeStream()
                .queryName(cfg.deadLetterQueryName())
                .format("kafka")
                .option("kafka.bootstrap.servers", cfg.bootstrapServers())
                .options(cfg.kafkaSecurity().sparkOptions())
                .option("topic", cfg.deadLetterTopic())
                // a dead letter is the only record of a rejected post: every in-sync replica has it before it counts
                .option("kafka.acks", "all")
                .option("checkpointLocation", Path.of(cfg.checkpointDir(), "dlq").toString())
                // dead letters are not latency-critical: a slower trigger leaves the cores to the views
                .trigger(Trigger.ProcessingTime(Math.max(cfg.trigger().toMillis(), SLOW_TRIGGER_MS)))
                .start();
        StreamingQuery examples = streams.examples().writeStream()
                .queryName(cfg.examplesQueryName())
                .foreachBatch(new ExampleWriter(cassandra, rowsWritten, floor))
                .option("checkpointLocation", Path.of(cfg.checkpointDir(), "examples").toString())
                // examples only illustrate a term: they may follow its counts by a slower trigger
                .trigger(Trigger.ProcessingTime(Math.max(cfg.trigger().toMillis(), SLOW_TRIGGER_MS)))
                .start();
        StreamingQuery views = streams.termCounts().writeStream()
                .queryName(cfg.viewsQueryName())
                .outputMode(OutputMode.Update())
                .foreachBatch(new ViewWriter(cassandra, cfg.trendParams(), rowsWritten, floor))
                .option("checkpointLocation", Path.of(cfg.checkpointDir(), "views").toString())
                .trigger(Trigger.ProcessingTime(cfg.trigger().toMillis()))
                .start();
        LOG.info("speed layer running: {} -> keyspace {} (dead letters to {}), checkpoints in {}",
                cfg.postsTopic(), cassandra.keyspace(), cfg.deadLetterTopic(), cfg.checkpointDir());
        return List.of(views, dlq, examples);   // the views query first
    }

    /**
     * Closes the state stores this JVM holds (in local mode, the executors' RocksDB instances) once the queries have
     * stopped. Spark leaves them open until the JVM exits, where RocksDB's background timer can run against a store
     * torn down under it: a speed layer stopped by SIGTERM once died of a SIGSEGV in {@code DBImpl::PersistStats}
     * (exit 134, not 143). A query still running keeps its stores: they are left to the exit as before.
     */
    public static void closeStateStores(List<StreamingQuery> queries) {
        if (queries.stream().anyMatch(StreamingQuery::isActive)) {
            LOG.warn("a query is still running: its state stores stay open until the process exits");
            return;
        }
        StateStore.stop();
        LOG.info("state stores closed");
    }

    /** Stops the queries side by side, each within {@code timeout} (the session's stop timeout). */
    public static void stopAll(List<StreamingQuery> queries, Duration timeout) {
        List<Thread> stoppers = new ArrayList<>();
        for (StreamingQuery q : queries) {
            Thread t = new Thread(() -> {
                try {
                    q.stop();
                } catch (Exception e) {
                    LOG.warn("stopping {}: {}", q.name(), e.toString());
                }
            }, "stop-" + q.name());
            t.setDaemon(true);
            t.start();
            stoppers.add(t);
        }
        for (Thread t : stoppers) {
            try {
                t.join(timeout.toMillis() + 1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

}
