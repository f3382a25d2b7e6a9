package io.trendwatch.speed.pipeline;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The first minute a replay from the topic's earliest offsets can count completely. A new checkpoint
 * reads the topic from its earliest retained record; when retention has trimmed the topic, the posts of
 * older minutes are partly gone, and writing their counts would overwrite complete counts with partial
 * ones. A post arrives no earlier than its time minus the allowed future skew, so every post of a minute
 * at or after (the latest first-retained arrival of any partition + the skew) is still in the topic.
 * The floor is fixed when the checkpoint is new and kept beside it, so a restarted replay keeps it.
 */
public final class ReplayFloor {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayFloor.class);
    static final String FILE = "replay-floor";

    private ReplayFloor() {
    }

    /** The floor of this checkpoint: the one kept beside it, or, for a new checkpoint that starts at earliest, a new one. */
    public static Optional<Instant> of(SpeedConfig cfg) throws IOException {
        Path file = Path.of(cfg.checkpointDir(), FILE);
        if (Files.exists(file)) {
            return Optional.of(Instant.parse(Files.readString(file).strip()));
        }
        boolean fresh = !Files.exists(Path.of(cfg.checkpointDir(), "views", "offsets"));
        if (!fresh || !cfg.startingOffsets().equals("earliest")) {
            return Optional.empty();
        }
        Optional<Instant> firstArrival = latestFirstRetainedArrival(cfg);
        if (firstArrival.isEmpty()) {
            return Optional.empty();
        }
        Instant floor = ceilMinute(firstArrival.get().plus(cfg.eventTimeGuard().maxAhead()));
        Files.createDirectories(file.getParent());
        Files.writeString(file, floor + "\n");
        LOG.warn("replay over a topic trimmed by retention: minutes before {} are not written (their posts are partly "
                + "gone; the counts already in the views stay), later minutes are counted in full", floor);
        return Optional.of(floor);
    }

    static Instant ceilMinute(Instant t) {
        Instant floor = t.truncatedTo(ChronoUnit.MINUTES);
        return floor.equals(t) ? t : floor.plus(Duration.ofMinutes(1));
    }

    /** The latest arrival time of the first retained record among the partitions that retention trimmed; empty when none was. */
    static Optional<Instant> latestFirstRetainedArrival(SpeedConfig cfg) {
        String topic = cfg.postsTopic();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(cfg.kafkaSecurity().with(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cfg.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1)),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            var infos = c.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                return Optional.empty();
            }
            List<TopicPartition> parts = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, Long> first = c.beginningOffsets(parts, Duration.ofSeconds(30));
            Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(30));
            Instant latest = null;
            for (TopicPartition tp : parts) {
                if (first.get(tp) == 0 || first.get(tp) >= end.get(tp)) {
                    continue;   // never trimmed, or nothing left to read
                }
                c.assign(List.of(tp));
                c.seek(tp, first.get(tp));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (System.nanoTime() < deadline) {
                    var records = c.poll(Duration.ofMillis(500)).records(tp);
                    if (!records.isEmpty()) {
                        ConsumerRecord<byte[], byte[]> r = records.get(0);
                        Instant arrival = Instant.ofEpochMilli(r.timestamp());
                        latest = latest == null || arrival.isAfter(latest) ? arrival : latest;
                        break;
                    }
                }
            }
            return Optional.ofNullable(latest);
        }
    }
}
