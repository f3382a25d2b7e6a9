package io.trendwatch.cli.kafka;

import io.trendwatch.core.config.KafkaAddress;

import java.util.Map;

/** Where the broker is and which topics carry posts. Defaults match {@code bin/trendwatch infra up}. */
public record KafkaSettings(String bootstrapServers, String postsTopic, String deadLetterTopic, int partitions) {

    public static KafkaSettings fromEnvironment(Map<String, String> env) {
        return new KafkaSettings(KafkaAddress.bootstrap(env),
                KafkaAddress.postsTopic(env), KafkaAddress.deadLetterTopic(env), 2);
    }

    public KafkaSettings withBootstrap(String bootstrap) {
        return bootstrap == null ? this : new KafkaSettings(bootstrap, postsTopic, deadLetterTopic, partitions);
    }

    public KafkaSettings withPostsTopic(String topic) {
        return topic == null ? this : new KafkaSettings(bootstrapServers, topic, deadLetterTopic, partitions);
    }
}
