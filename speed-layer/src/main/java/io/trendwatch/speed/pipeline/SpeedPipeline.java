package io.trendwatch.speed.pipeline;

import io.trendwatch.core.sentiment.SentimentScorer;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.OutputMode;

import java.sql.Timestamp;
import java.time.Instant;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.window;

/**
 * The processing graph of the speed layer, built apart from {@code main()}:
 * Kafka records → parsed posts (dated no later than their arrival allows)
 * → (deduplicated by id while not late) → distinct terms per post → counts
 * per 1-minute event-time bucket and term, with the sentiment split, for
 * every term: hours and days after the boundary are rolled up from these
 * minutes, so a minute dropped here would be missing from them too.
 * Rejected records become dead letters; eligible posts become candidate
 * examples of their terms' minutes (core {@code ExamplePosts}), outside the
 * counting state: which one a minute keeps does not depend on what else the
 * minute holds, so it needs no state. Posts dated before the config's
 * {@code countFrom} are counted in the {@value #ACCEPTED_METRIC} metric's
 * {@value #BEFORE_COUNT_FROM} and go no further: the batch layer's views hold them.
 */
public final class SpeedPipeline {

    /** Names of the observed metrics in each query's progress. */
    public static final String ACCEPTED_METRIC = "accepted";
    public static final String DLQ_METRIC = "dead_letters";
    /** The fields of {@link #ACCEPTED_METRIC} and {@link #DLQ_METRIC} that count their records. */
    public static final String ACCEPTED_POSTS = "posts";
    public static final String DLQ_RECORDS = "records";
    /** The field of {@link #ACCEPTED_METRIC} that counts the accepted posts dated before the config's countFrom. */
    public static final String BEFORE_COUNT_FROM = "before_count_from";

    private SpeedPipeline() {
    }

    /** The three outputs: upserts for the views, records for the dead-letter topic, candidate examples. */
    public record Streams(Dataset<Row> termCounts, Dataset<Row> deadLetters, Dataset<Row> examples) {
    }

    public static Dataset<Row> kafkaSource(SparkSession spark, SpeedConfig cfg) {
        return spark.readStream().format("kafka")
                .option("kafka.bootstrap.servers", cfg.bootstrapServers())
                .options(cfg.kafkaSecurity().sparkOptions())
                .option("subscribe", cfg.postsTopic())
                .option("startingOffsets", cfg.startingOffsets())
                .option("maxOffsetsPerTrigger", cfg.maxOffsetsPerTrigger())
                // offsets deleted before they were read fail the query unless the operator accepts the loss
                .option("failOnDataLoss", Boolean.toString(!cfg.acceptDataLoss()))
                .load();
    }

    /** Builds both outputs from a Kafka-shaped stream (key, value, topic, partition, offset). */
    public static Streams build(Dataset<Row> kafka, SpeedConfig cfg, SentimentScorer sentiment) {
        Dataset<Row> parsed = kafka.select("value", "timestamp", "partition", "offset")
                .mapPartitions(new PostParser(sentiment, cfg.eventTimeGuard(), cfg.countFrom()), Encoders.row(PostParser.SCHEMA));

        Dataset<Row> termCounts = parsed
                .observe(ACCEPTED_METRIC, count(lit(1)).as(ACCEPTED_POSTS), count(when(before(cfg), 1)).as(BEFORE_COUNT_FROM))
                .filter(not(before(cfg)))
                .withWatermark("event_time", SpeedConfig.interval(cfg.watermark()))
                .groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
                .transformWithState(new FirstOfEachPost(), "event_time", OutputMode.Append(), Encoders.row(PostParser.SCHEMA))
                .select(col("event_time"), col("sentiment"), explode(col("terms")).as("t"))
                .groupBy(window(col("event_time"), "1 minute").as("w"), col("t.term").as("term"), col("t.kind").as("kind"))
                .agg(count(lit(1)).as("posts"),
                        countOf("positive"), countOf("neutral"), countOf("negative"), countOf("unscored"))
                .select(col("w.start").as("bucket"), col("term"), col("kind"), col("posts"),
                        col("positive"), col("neutral"), col("negative"), col("unscored"));

        // the dead-letter query reads the records again on its own trigger: it only validates them
        Dataset<Row> deadLetters = kafka.select("key", "value", "topic", "partition", "offset", "timestamp")
                .mapPartitions(new RejectedRecords(cfg.eventTimeGuard()), Encoders.row(RejectedRecords.SCHEMA))
                .observe(DLQ_METRIC, count(lit(1)).as(DLQ_RECORDS))
                .select(col("key"), col("value"), array(
                        header("reason", col("reason")),
                        header("detail", col("detail")),
                        header("source.topic", col("topic")),
                        header("source.partition", col("partition")),
                        header("source.offset", col("offset"))).as("headers"));

        // the examples query reads the records a third time, on the dead letters' trigger: it tokenizes and labels
        // only the eligible posts, and its writer keeps a minute's smallest rank whatever the order of its writes
        Dataset<Row> examples = kafka.select("value", "timestamp")
                .mapPartitions(new ExampleCandidates(sentiment, cfg.eventTimeGuard(), cfg.countFrom()),
                        Encoders.row(ExampleCandidates.SCHEMA));
        return new Streams(termCounts, deadLetters, examples);
    }

    private static Column before(SpeedConfig cfg) {
        Instant from = cfg.countFrom();
        return from.equals(SpeedConfig.COUNT_ALL) ? lit(false) : col("event_time").lt(lit(Timestamp.from(from)));
    }

    private static Column countOf(String label) {
        return sum(when(col("sentiment").equalTo(label), 1L).otherwise(0L)).as(label);
    }

    private static Column header(String key, Column value) {
        return struct(lit(key).as("key"), value.cast("string").cast("binary").as("value"));
    }
}
