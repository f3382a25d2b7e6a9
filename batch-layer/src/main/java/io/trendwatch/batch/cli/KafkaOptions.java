package io.trendwatch.batch.cli;

import io.trendwatch.batch.master.KafkaArchiver;
import picocli.CommandLine.Option;

/** Where the posts topic is. */
public final class KafkaOptions {

    @Option(names = "--bootstrap", description = "Kafka bootstrap servers (default: $TRENDWATCH_KAFKA or 127.0.0.1:9092)")
    String bootstrap;

    @Option(names = "--topic", defaultValue = "posts", description = "Posts topic (default: ${DEFAULT-VALUE})")
    String topic;

    KafkaArchiver archiver() {
        return new KafkaArchiver(bootstrap != null ? bootstrap : System.getenv().getOrDefault("TRENDWATCH_KAFKA", "127.0.0.1:9092"),
                topic);
    }
}
