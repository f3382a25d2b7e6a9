package io.trendwatch.core.config;

import picocli.CommandLine.Option;

import java.util.Map;

/**
 * {@code --bootstrap} and {@code --topic}, as every command that reads or writes the posts topic takes them (a
 * picocli mixin); left out, they are {@link KafkaAddress}'s, so a publisher and the layers agree by default.
 */
public final class PostsTopicOptions {

    @Option(names = "--bootstrap", description = "Kafka bootstrap servers (default: $TRENDWATCH_KAFKA or "
            + KafkaAddress.DEFAULT_BOOTSTRAP + ")")
    String bootstrap;

    @Option(names = "--topic", description = "Topic of posts (default: $TRENDWATCH_POSTS_TOPIC or "
            + KafkaAddress.DEFAULT_POSTS_TOPIC + ")")
    String topic;

    public String bootstrap(Map<String, String> env) {
        return bootstrap != null ? bootstrap : KafkaAddress.bootstrap(env);
    }

    public String topic(Map<String, String> env) {
        return topic != null ? topic : KafkaAddress.postsTopic(env);
    }

    public String bootstrap() {
        return bootstrap(System.getenv());
    }

    public String topic() {
        return topic(System.getenv());
    }
}
