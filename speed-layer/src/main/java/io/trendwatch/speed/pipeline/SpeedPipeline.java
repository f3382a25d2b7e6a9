package io.trendwatch.speed.pipeline;

import io.trendwatch.core.sentiment.SentimentScorer;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.OutputMode;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.window;

/**
 * The processing graph of the speed layer, built apart from {@code main()}:
 * Kafka records → parsed posts (dated no later than their arrival allows)
 * → (deduplicated by id while not late) → distinct terms per post → counts
 * per 1-minute event-time bucket and term, with the sentiment split and the
 * term's example post of the minute (core {@code ExamplePosts}), for
 * every term: hours and days after the boundary are rolled up from these
 * minutes, so a minute dropped here would be missing from them too.
 * Rejected records become dead letters.
 */
public final class SpeedPipeline {

    /** Names of the observed metrics in each query's progress. */
    public static final String ACCEPTED_METRIC = "accepted";
    public static final String DLQ_METRIC = "dead_letters";

    private SpeedPipeline() {
    }

    /** The two outputs: upserts for the views, records for the dead-letter topic. */
    public record Streams(Dataset<Row> termCounts, Dataset<Row> deadLetters) {
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
        Dataset<Row> parsed = kafka.select("value", "timestamp")
                .mapPartitions(new PostParser(sentiment, cfg.eventTimeGuard()), Encoders.row(PostParser.SCHEMA));

        Dataset<Row> termCounts = parsed
                .observe(ACCEPTED_METRIC, count(lit(1)).as("posts"))
                .withWatermark("event_time", SpeedConfig.interval(cfg.watermark()))
                .groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
                .transformWithState(new FirstOfEachPost(), "event_time", OutputMode.Append(), Encoders.row(PostParser.SCHEMA))
                .select(col("event_time"), col("sentiment"), col("example"), explode(col("terms")).as("t"))
                .groupBy(window(col("event_time"), "1 minute").as("w"), col("t.term").as("term"), col("t.kind").as("kind"))
                .agg(count(lit(1)).as("posts"),
                        countOf("positive"), countOf("neutral"), countOf("negative"), countOf("unscored"),
                        // the eligible post of the smallest (rank, id): min skips the posts that are not eligible
                        min(col("example")).as("example"))
                .select(col("w.start").as("bucket"), col("term"), col("kind"), col("posts"),
                        col("positive"), col("neutral"), col("negative"), col("unscored"), col("example"));

        // the dead-letter query reads the records again on its own trigger: it only validates them
        Dataset<Row> deadLetters = kafka.select("key", "value", "topic", "partition", "offset", "timestamp")
                .mapPartitions(new RejectedRecords(cfg.eventTimeGuard()), Encoders.row(RejectedRecords.SCHEMA))
                .observe(DLQ_METRIC, count(lit(1)).as("records"))
                .select(col("key"), col("value"), array(
                        header("reason", col("reason")),
                        header("detail", col("detail")),
                        header("source.topic", col("topic")),
                        header("source.partition", col("partition")),
                        header("source.offset", col("offset"))).as("headers"));
        return new Streams(termCounts, deadLetters);
    }

    private static Column countOf(String label) {
        return sum(when(col("sentiment").equalTo(label), 1L).otherwise(0L)).as(label);
    }

    private static Column header(String key, Column value) {
        return struct(lit(key).as("key"), value.cast("string").cast("binary").as("value"));
    }
}
