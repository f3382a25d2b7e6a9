package io.trendwatch.cli;

import io.trendwatch.core.config.KafkaAddress;
import io.trendwatch.core.post.ParseResult;
import io.trendwatch.core.post.PostCodec;
import io.trendwatch.core.testing.SharedData;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Against the real Kafka broker started by bin/test (TRENDWATCH_KAFKA). */
class IngestIT {

    private static final String BOOTSTRAP = KafkaAddress.bootstrap(System.getenv());

    @Test
    void ingestsEveryLineOfSubtaskAAndReadsTheSameCountBack() throws Exception {
        List<Path> files = SharedData.tsvFiles(SharedData.subtaskA());
        String topic = "it-ingest-" + UUID.randomUUID();
        List<String> args = new ArrayList<>(List.of("ingest", "--topic", topic, "--bootstrap", BOOTSTRAP, "--no-progress"));
        files.forEach(f -> args.add(f.toString()));

        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();

        // expected, computed apart from the project's readers: ids of the non-blank lines, duplicates included
        Map<String, Integer> expectedIds = new HashMap<>();
        long expected = 0;
        for (Path f : files) {
            for (String line : Files.readString(f).split("\n")) {
                if (!line.isBlank()) {
                    expectedIds.merge(line.substring(0, line.indexOf('\t')), 1, Integer::sum);
                    expected++;
                }
            }
        }
        assertThat(expected).isEqualTo(50_334);   // `wc -l` shows 50,333: one file has no final newline

        Map<String, Integer> readIds = new HashMap<>();
        PostCodec codec = new PostCodec();
        List<ConsumerRecord<String, byte[]>> records = readAll(topic, expected);
        for (ConsumerRecord<String, byte[]> r : records) {
            ParseResult parsed = codec.parse(r.value());
            assertThat(parsed.isAccepted()).as(parsed.toString()).isTrue();
            assertThat(((ParseResult.Accepted) parsed).post().id()).isEqualTo(r.key());
            readIds.merge(r.key(), 1, Integer::sum);
        }
        assertThat(records).hasSize((int) expected);
        assertThat(readIds).isEqualTo(expectedIds);
        assertThat(run.out()).contains("ingested 50334 posts", "0 rejected");
    }

    @Test
    void skipsBadLinesReportingTheirNumbers(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("mixed.jsonl");
        Files.writeString(f, String.join("\n",
                "{\"id\":\"1\",\"platform\":\"twitter\",\"author\":\"a\",\"text\":\"#one\",\"created_at\":\"2016-11-25T00:00:00Z\"}",
                "{\"id\":\"2\",\"platform\":\"twitter\"",
                "{\"id\":\"3\",\"platform\":\"twitter\",\"author\":\"a\",\"text\":\"t\",\"created_at\":\"soon\"}",
                "{\"id\":\"4\",\"platform\":\"twitter\",\"author\":\"a\",\"text\":\"#four\",\"created_at\":\"2016-11-25T00:00:01Z\"}"));
        String topic = "it-ingest-bad-" + UUID.randomUUID();
        CliRun run = CliRun.of("ingest", "--topic", topic, "--bootstrap", BOOTSTRAP, f.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("mixed.jsonl:2: skipped, MALFORMED_JSON", "mixed.jsonl:3: skipped, BAD_TIMESTAMP");
        assertThat(readAll(topic, 2)).extracting(ConsumerRecord::key).containsExactly("1", "4");
    }

    @Test
    void replaysInEventTimeOrderAtTheRequestedSpeed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("unordered.jsonl");
        String tpl = "{\"id\":\"%s\",\"platform\":\"twitter\",\"author\":\"a\",\"text\":\"x\",\"created_at\":\"%s\"}";
        Files.writeString(f, String.join("\n",
                String.format(tpl, "c", "2016-11-25T00:00:04Z"),
                String.format(tpl, "a", "2016-11-25T00:00:00Z"),
                String.format(tpl, "b", "2016-11-25T00:00:02Z")));
        String topic = "it-replay-" + UUID.randomUUID();
        long started = System.nanoTime();
        CliRun run = CliRun.of("ingest", "--topic", topic, "--bootstrap", BOOTSTRAP, "--replay-speed", "2", f.toString());
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(run.exitCode()).as(run.err()).isZero();
        // 4 s of event time at 2x takes at least 2 s of wall time
        assertThat(seconds).isGreaterThanOrEqualTo(2.0);
        List<ConsumerRecord<String, byte[]>> records = readAll(topic, 3);
        assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(records.stream().sorted(java.util.Comparator.comparingLong(ConsumerRecord::timestamp)))
                .extracting(ConsumerRecord::key).containsExactly("a", "b", "c");
        var stamps = records.stream().mapToLong(ConsumerRecord::timestamp).summaryStatistics();
        assertThat(stamps.getMax() - stamps.getMin()).as("first to last send, ms").isGreaterThanOrEqualTo(1500);
    }

    @Test
    void saysWhatToStartWhenKafkaIsNotThere(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("one.jsonl");
        Files.writeString(f, "{}\n");
        CliRun run = CliRun.of("ingest", "--bootstrap", "127.0.0.1:1", f.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("Kafka is not reachable at 127.0.0.1:1", "bin/trendwatch infra up");
    }

    /** Reads the topic from the start until {@code expected} records arrived or nothing new came for 10 s. */
    private static List<ConsumerRecord<String, byte[]>> readAll(String topic, long expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long idleSince = System.currentTimeMillis();
            while (System.currentTimeMillis() - idleSince < 10_000) {
                var batch = consumer.poll(Duration.ofMillis(500));
                batch.forEach(out::add);
                if (!batch.isEmpty()) {
                    idleSince = System.currentTimeMillis();
                }
                if (out.size() > expected) {
                    break;   // more than expected: fail below with the real count
                }
                if (out.size() == expected) {
                    // wait a moment for anything extra that should not be there
                    var extra = consumer.poll(Duration.ofSeconds(2));
                    extra.forEach(out::add);
                    break;
                }
            }
        }
        return out;
    }
}
