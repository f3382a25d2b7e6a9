package io.trendwatch.core.config;

import java.util.Map;

/**
 * The brokers and topics every command and layer uses unless told otherwise: {@code $TRENDWATCH_KAFKA}, else the
 * local broker; {@code $TRENDWATCH_POSTS_TOPIC} and {@code $TRENDWATCH_DLQ_TOPIC}, else {@code posts} and
 * {@code posts.dlq}.
 */
public final class KafkaAddress {

    /** The broker {@code bin/trendwatch infra up} starts. */
    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";
    public static final String DEFAULT_POSTS_TOPIC = "posts";
    public static final String DEFAULT_DEAD_LETTER_TOPIC = "posts.dlq";

    private KafkaAddress() {
    }

    public static String bootstrap(Map<String, String> env) {
        return env.getOrDefault("TRENDWATCH_KAFKA", DEFAULT_BOOTSTRAP);
    }

    /** {@code explicit} (a {@code --bootstrap} option) when given, else {@link #bootstrap(Map)} of the process's environment. */
    public static String bootstrap(String explicit) {
        return explicit != null ? explicit : bootstrap(System.getenv());
    }

    public static String postsTopic(Map<String, String> env) {
        return nonBlank(env.get("TRENDWATCH_POSTS_TOPIC"), DEFAULT_POSTS_TOPIC);
    }

    public static String deadLetterTopic(Map<String, String> env) {
        return nonBlank(env.get("TRENDWATCH_DLQ_TOPIC"), DEFAULT_DEAD_LETTER_TOPIC);
    }

    private static String nonBlank(String value, String otherwise) {
        return value != null && !value.isBlank() ? value : otherwise;
    }
}
