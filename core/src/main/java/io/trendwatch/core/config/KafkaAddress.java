package io.trendwatch.core.config;

import java.util.Map;

/** The brokers every command and layer connects to unless told otherwise: {@code $TRENDWATCH_KAFKA}, else the local one. */
public final class KafkaAddress {

    /** The broker {@code bin/trendwatch infra up} starts. */
    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";

    private KafkaAddress() {
    }

    public static String bootstrap(Map<String, String> env) {
        return env.getOrDefault("TRENDWATCH_KAFKA", DEFAULT_BOOTSTRAP);
    }

    /** {@code explicit} (a {@code --bootstrap} option) when given, else {@link #bootstrap(Map)} of the process's environment. */
    public static String bootstrap(String explicit) {
        return explicit != null ? explicit : bootstrap(System.getenv());
    }
}
