package io.trendwatch.batch.master;

import io.trendwatch.core.post.EventTimeGuard;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.post.PostCodec;
import io.trendwatch.batch.TestSpark;
import io.trendwatch.core.config.KafkaAddress;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Records deleted from the topic before they were archived (the broker's delete-records, which moves
 * the log start as retention does): the archive fails and names the offsets; with the operator's
 * option it archives what is left and records the loss in the offset log.
 */
class ArchiveRetentionIT {

    /** Removed once the tests pass; kept for a look when one fails. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tmp;

    private static final String BOOTSTRAP = KafkaAddress.bootstrap(System.getenv());
    private static final int DELETED_PER_PARTITION = 40;

    @Test
    void recordsDeletedBeforeTheyWereArchivedFailTheArchiveUnlessTheLossIsAccepted() throws Exception {
        String topic = "posts-retention-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        SparkSession spark = TestSpark.session();
        MasterDataset master = new MasterDataset(Files.createDirectories(tmp.resolve("master-retention")));
        send(topic, 0, 300);
        assertThat(new KafkaArchiver(BOOTSTRAP, topic).archive(spark, master).added()).isEqualTo(300);

        Map<TopicPartition, Long> archivedUpTo = endOffsets(topic);
        send(topic, 300, 600);
        Map<TopicPartition, RecordsToDelete> deletion = new HashMap<>();
        archivedUpTo.forEach((tp, end) -> deletion.put(tp, RecordsToDelete.beforeOffset(end + DELETED_PER_PARTITION)));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            admin.deleteRecords(deletion).all().get(30, TimeUnit.SECONDS);
        }
        long deleted = (long) DELETED_PER_PARTITION * archivedUpTo.size();
        TopicPartition some = archivedUpTo.keySet().iterator().next();

        assertThatThrownBy(() -> new KafkaArchiver(BOOTSTRAP, topic).archive(spark, master))
                .isInstanceOf(DataLossException.class)
                .hasMessageContaining(deleted + " records were deleted by the topic's retention")
                .hasMessageContaining(topic + "-" + some.partition() + " offsets " + archivedUpTo.get(some) + " to "
                        + (archivedUpTo.get(some) + DELETED_PER_PARTITION - 1))
                .hasMessageContaining("--accept-data-loss");
        assertThat(new OffsetLog(master, topic).last().orElseThrow().nextOffsets())
                .as("nothing committed").isEqualTo(toPartitionMap(archivedUpTo));

        KafkaArchiver.Result accepted = new KafkaArchiver(BOOTSTRAP, topic, EventTimeGuard.DEFAULT, true).archive(spark, master);
        assertThat(accepted.lost()).isEqualTo(deleted);
        assertThat(accepted.added()).isEqualTo(300 - deleted);
        assertThat(new OffsetLog(master, topic).last().orElseThrow().lost()).isEqualTo(deleted);
        assertThat(spark.read().parquet(master.root().toString()).count()).isEqualTo(600 - deleted);
    }

    private static Map<Integer, Long> toPartitionMap(Map<TopicPartition, Long> offsets) {
        Map<Integer, Long> out = new HashMap<>();
        offsets.forEach((tp, o) -> out.put(tp.partition(), o));
        return out;
    }

    private static void send(String topic, int from, int to) throws Exception {
        PostCodec codec = new PostCodec();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i : IntStream.range(from, to).toArray()) {
                Post p = Post.ofText("kept-" + i, "twitter", "a", "post number " + i + " #retention", "en",
                        Instant.parse("2016-11-25T12:00:00Z").plusSeconds(i));
                producer.send(new ProducerRecord<>(topic, p.id().getBytes(StandardCharsets.UTF_8), codec.encode(p)));
            }
            producer.flush();
        }
    }

    private static Map<TopicPartition, Long> endOffsets(String topic) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            return new HashMap<>(c.endOffsets(parts));
        }
    }
}
