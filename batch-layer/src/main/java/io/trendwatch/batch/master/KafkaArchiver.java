package io.trendwatch.batch.master;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trendwatch.core.config.KafkaSecurity;
import io.trendwatch.core.config.KafkaUnavailableException;
import io.trendwatch.core.post.EventTimeGuard;
import io.trendwatch.core.post.ParseResult;
import io.trendwatch.core.post.PostCodec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;

/**
 * Brings the master dataset up to date with the posts topic: a batch read of
 * Kafka from the offsets of the last commit to the end offsets seen at the
 * start, parsed with the shared codec; accepted posts are appended (the master
 * dataset drops ids it already holds), then the end offsets are committed.
 * Safe to run twice and after a crash at any point. Malformed records are
 * counted by reason here; the speed layer sends them to the dead-letter topic.
 * <p>
 * {@code guard}: the speed layer's rule, applied with each record's Kafka timestamp as its arrival.
 * {@code acceptDataLoss}: go on past offsets that retention deleted before they were archived
 * (recorded in the offset log); otherwise the run fails with a {@link DataLossException} naming them.
 */
public record KafkaArchiver(String bootstrapServers, String topic, EventTimeGuard guard, boolean acceptDataLoss,
                            KafkaSecurity security) {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaArchiver.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one archive run did. */
    public record Result(long records, long added, long rejected, Map<String, Long> rejectedByReason,
                         Map<Integer, Long> nextOffsets, long lost) {
    }

    public KafkaArchiver(String bootstrapServers, String topic) {
        this(bootstrapServers, topic, EventTimeGuard.DEFAULT, false);
    }

    public KafkaArchiver(String bootstrapServers, String topic, EventTimeGuard guard, boolean acceptDataLoss) {
        this(bootstrapServers, topic, guard, acceptDataLoss, KafkaSecurity.NONE);
    }

    public Result archive(SparkSession spark, MasterDataset master) throws IOException {
        try (ArchiveLock ignored = ArchiveLock.acquire(master)) {
            OffsetLog log = new OffsetLog(master, topic);
            Map<Integer, Long> end = new TreeMap<>();
            Map<Integer, Long> earliest = new TreeMap<>();
            endOffsets(end, earliest);
            if (end.isEmpty()) {
                LOG.info("topic {} does not exist yet at {}: nothing to archive", topic, bootstrapServers);
                return new Result(0, 0, 0, Map.of(), Map.of(), 0);
            }
            Map<Integer, Long> start = log.startOffsets(end.keySet());
            List<String> lostRanges = new ArrayList<>();
            long lost = 0;
            for (var e : start.entrySet()) {
                long first = earliest.get(e.getKey());
                if (e.getValue() < first) {
                    lostRanges.add(topic + "-" + e.getKey() + " offsets " + e.getValue() + " to " + (first - 1));
                    lost += first - e.getValue();
                }
            }
            if (!lostRanges.isEmpty()) {
                String what = lost + " records were deleted by the topic's retention before they were archived ("
                        + String.join(", ", lostRanges) + ")";
                if (!acceptDataLoss) {
                    throw new DataLossException(what + "; their posts cannot reach the master dataset. To archive the rest "
                            + "and record the loss, run again with --accept-data-loss.");
                }
                LOG.error("{}; going on (--accept-data-loss), the loss is recorded in the offset log", what);
                start.replaceAll((p, o) -> Math.max(o, earliest.get(p)));
            }
            long lostBefore = log.last().map(OffsetLog.Commit::lost).orElse(0L);
            long pending = end.entrySet().stream().mapToLong(e -> e.getValue() - start.get(e.getKey())).sum();
            if (pending <= 0) {
                LOG.info("master dataset is up to date with {} at offsets {}", topic, end);
                if (lost > 0) {
                    log.commit(new OffsetLog.Commit(topic, end, Instant.now().toString(), 0, 0, 0, lostBefore + lost));
                }
                return new Result(0, 0, 0, Map.of(), end, lost);
            }
            LOG.info("archiving {} records of {} from offsets {} to {}", pending, topic, start, end);
            Dataset<Row> parsed = spark.read().format("kafka")
                    .option("kafka.bootstrap.servers", bootstrapServers)
                    .options(security.sparkOptions())
                    .option("subscribe", topic)
                    .option("startingOffsets", offsetsJson(start))
                    .option("endingOffsets", offsetsJson(end))
                    .load()
                    .select("value", "partition", "offset", "timestamp")
                    .mapPartitions(new Parse(topic, guard), Encoders.row(Parse.SCHEMA))
                    .cache();
            try {
                // one job counts the records, the accepted ones (reason null) and each reason's rejections
                Map<String, Long> rejected = new LinkedHashMap<>();
                long records = 0;
                long accepted = 0;
                for (Row r : parsed.groupBy("reason").count().collectAsList()) {
                    records += r.getLong(1);
                    if (r.isNullAt(0)) {
                        accepted = r.getLong(1);
                    } else {
                        rejected.put(r.getString(0), r.getLong(1));
                    }
                }
                long added = accepted == 0 ? 0
                        : master.append(spark, parsed.filter(col("reason").isNull()),
                                struct(col(Parse.PARTITION), col(Parse.OFFSET)));
                long rejectedTotal = rejected.values().stream().mapToLong(Long::longValue).sum();
                log.commit(new OffsetLog.Commit(topic, end, Instant.now().toString(), records, added, rejectedTotal,
                        lostBefore + lost));
                return new Result(records, added, rejectedTotal, rejected, end, lost);
            } finally {
                parsed.unpersist();
            }
        }
    }

    /** End and earliest offsets of every partition; empty when the topic does not exist. */
    private void endOffsets(Map<Integer, Long> end, Map<Integer, Long> earliest) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.putAll(security.clientProperties());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.listTopics(Duration.ofSeconds(15)).get(topic);
            if (infos == null) {
                return;
            }
            List<TopicPartition> partitions = new ArrayList<>();
            infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            consumer.endOffsets(partitions, Duration.ofSeconds(15)).forEach((tp, o) -> end.put(tp.partition(), o));
            consumer.beginningOffsets(partitions, Duration.ofSeconds(15)).forEach((tp, o) -> earliest.put(tp.partition(), o));
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException("Kafka is not reachable at " + bootstrapServers
                    + "; start it with `bin/trendwatch infra up` or set TRENDWATCH_KAFKA", e);
        } catch (org.apache.kafka.common.errors.AuthenticationException e) {
            throw new KafkaUnavailableException("Kafka at " + bootstrapServers + " refused the login (" + e.getMessage()
                    + "): set TRENDWATCH_KAFKA_SECURITY_PROTOCOL, TRENDWATCH_KAFKA_USERNAME and TRENDWATCH_KAFKA_PASSWORD", e);
        }
    }

    private String offsetsJson(Map<Integer, Long> offsets) throws IOException {
        Map<String, Long> byPartition = new TreeMap<>();
        offsets.forEach((p, o) -> byPartition.put(Integer.toString(p), o));
        return JSON.writeValueAsString(Map.of(topic, byPartition));
    }

    /**
     * Kafka records to master rows and where each was read (its copies of a post share a partition: posts are keyed
     * by id), with the reject reason set (and the post fields null) for malformed ones.
     */
    static final class Parse implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        static final String PARTITION = "kafka_partition";
        static final String OFFSET = "kafka_offset";
        static final StructType SCHEMA = nullable(PostRows.SCHEMA).add(PARTITION, DataTypes.IntegerType, false)
                .add(OFFSET, DataTypes.LongType, false).add("reason", DataTypes.StringType, true);

        private final String topic;
        private final EventTimeGuard guard;

        Parse(String topic, EventTimeGuard guard) {
            this.topic = topic;
            this.guard = guard;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> input) {
            PostCodec codec = new PostCodec();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return input.hasNext();
                }

                @Override
                public Row next() {
                    Row r = input.next();
                    String source = "kafka:" + topic + "/" + r.getInt(1) + "@" + r.getLong(2);
                    ParseResult result = guard.check(codec.parse((byte[]) r.get(0)), r.getTimestamp(3).toInstant());
                    if (result instanceof ParseResult.Accepted a) {
                        return RowFactory.create(read(PostRows.values(a.post(), source, SCHEMA.size()), r));
                    }
                    Object[] values = read(new Object[SCHEMA.size()], r);
                    values[PostRows.SCHEMA.fieldIndex("source")] = source;
                    values[SCHEMA.size() - 1] = ((ParseResult.Rejected) result).reason().name();
                    return RowFactory.create(values);
                }
            };
        }

        /** {@code values}, a row of {@link #SCHEMA}, with where the record was read set. */
        private static Object[] read(Object[] values, Row record) {
            values[SCHEMA.fieldIndex(PARTITION)] = record.getInt(1);
            values[SCHEMA.fieldIndex(OFFSET)] = record.getLong(2);
            return values;
        }

        private static StructType nullable(StructType schema) {
            StructType out = new StructType();
            for (var f : schema.fields()) {
                out = out.add(f.name(), f.dataType(), true);
            }
            return out;
        }
    }
}
