package io.trendwatch.speed.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The offsets the views query had not read yet and that are no longer in the topic: from the end
 * offsets of the last micro-batch its checkpoint committed, against each partition's earliest
 * retained offset. Named to the operator when the query stops on lost data.
 */
public final class LostOffsets {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LostOffsets() {
    }

    /** E.g. "posts-0 offsets 1200 to 1349 (150 records)"; empty when nothing is known lost. */
    public static Optional<String> describe(SpeedConfig cfg) {
        try {
            Optional<JsonNode> read = committedEndOffsets(Path.of(cfg.checkpointDir(), "views"));
            if (read.isEmpty() || !read.get().has(cfg.postsTopic())) {
                return Optional.empty();
            }
            JsonNode partitions = read.get().get(cfg.postsTopic());
            List<String> lost = new ArrayList<>();
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(cfg.kafkaSecurity().with(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cfg.bootstrapServers())), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> tps = new ArrayList<>();
                partitions.fieldNames().forEachRemaining(p -> tps.add(new TopicPartition(cfg.postsTopic(), Integer.parseInt(p))));
                Map<TopicPartition, Long> earliest = c.beginningOffsets(tps, Duration.ofSeconds(15));
                for (TopicPartition tp : tps) {
                    long next = partitions.get(Integer.toString(tp.partition())).asLong();
                    long first = earliest.getOrDefault(tp, next);
                    if (next < first) {
                        lost.add(tp.topic() + "-" + tp.partition() + " offsets " + next + " to " + (first - 1)
                                + " (" + (first - next) + " records)");
                    }
                }
            }
            return lost.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", lost));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The source offsets after the last committed micro-batch: {@code {"topic": {"0": 123, ...}}}. */
    static Optional<JsonNode> committedEndOffsets(Path queryCheckpoint) throws IOException {
        Optional<Long> last = lastBatch(queryCheckpoint.resolve("commits"));
        if (last.isEmpty()) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(queryCheckpoint.resolve("offsets").resolve(Long.toString(last.get())));
        // v1, the batch's metadata, then one line per source
        return lines.size() < 3 ? Optional.empty() : Optional.of(JSON.readTree(lines.get(2)));
    }

    private static Optional<Long> lastBatch(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("\\d+")).map(Long::parseLong)
                    .max(Long::compare);
        }
    }
}
