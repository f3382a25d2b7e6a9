package io.trendwatch.core.config;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How every Kafka client of the project logs in: the security protocol, SASL (SCRAM or PLAIN) with a user
 * and password, and a truststore for TLS, read once from the environment and turned into the client
 * properties that the producers, consumers, admin clients and Spark's Kafka source and sink take.
 * Nothing set: plaintext, as the local {@code infra up} broker. The password never appears in {@link #toString()}.
 */
public record KafkaSecurity(String protocol, String mechanism, String username, String password, String truststore,
                            String truststorePassword) implements Serializable {

    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    private static final Set<String> MECHANISMS = Set.of("SCRAM-SHA-256", "SCRAM-SHA-512", "PLAIN");
    /** After the sets it is checked against. */
    public static final KafkaSecurity NONE = new KafkaSecurity("PLAINTEXT", null, null, null, null, null);

    public KafkaSecurity {
        protocol = protocol == null || protocol.isBlank() ? "PLAINTEXT" : protocol.strip().toUpperCase(Locale.ROOT);
        if (!PROTOCOLS.contains(protocol)) {
            throw new IllegalArgumentException("TRENDWATCH_KAFKA_SECURITY_PROTOCOL '" + protocol + "' is none of " + PROTOCOLS);
        }
        boolean sasl = protocol.startsWith("SASL_");
        mechanism = !sasl ? null : mechanism == null || mechanism.isBlank() ? "SCRAM-SHA-512" : mechanism.strip().toUpperCase(Locale.ROOT);
        if (sasl && !MECHANISMS.contains(mechanism)) {
            throw new IllegalArgumentException("TRENDWATCH_KAFKA_SASL_MECHANISM '" + mechanism + "' is none of " + MECHANISMS);
        }
        if (sasl && (username == null || username.isBlank() || password == null)) {
            throw new IllegalArgumentException(protocol + " needs TRENDWATCH_KAFKA_USERNAME and TRENDWATCH_KAFKA_PASSWORD "
                    + "(or TRENDWATCH_KAFKA_PASSWORD_FILE)");
        }
    }

    /**
     * {@code TRENDWATCH_KAFKA_SECURITY_PROTOCOL}, {@code TRENDWATCH_KAFKA_SASL_MECHANISM} (SCRAM-SHA-512 by default),
     * {@code TRENDWATCH_KAFKA_USERNAME} and {@code TRENDWATCH_KAFKA_PASSWORD} (each or its {@code _FILE}, a mounted Secret),
     * {@code TRENDWATCH_KAFKA_TRUSTSTORE} (PKCS12 or JKS) and {@code TRENDWATCH_KAFKA_TRUSTSTORE_PASSWORD}.
     */
    public static KafkaSecurity fromEnvironment(Map<String, String> env) {
        return new KafkaSecurity(env.get("TRENDWATCH_KAFKA_SECURITY_PROTOCOL"), env.get("TRENDWATCH_KAFKA_SASL_MECHANISM"),
                secret(env, "TRENDWATCH_KAFKA_USERNAME"), secret(env, "TRENDWATCH_KAFKA_PASSWORD"),
                blankToNull(env.get("TRENDWATCH_KAFKA_TRUSTSTORE")), env.get("TRENDWATCH_KAFKA_TRUSTSTORE_PASSWORD"));
    }

    public static KafkaSecurity fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** The properties a Kafka client takes (empty for plaintext). */
    public Map<String, String> clientProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        if (protocol.equals("PLAINTEXT")) {
            return p;
        }
        p.put("security.protocol", protocol);
        if (mechanism != null) {
            p.put("sasl.mechanism", mechanism);
            String module = mechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                    : "org.apache.kafka.common.security.scram.ScramLoginModule";
            p.put("sasl.jaas.config", module + " required username=\"" + quoted(username) + "\" password=\"" + quoted(password) + "\";");
        }
        if (truststore != null) {
            p.put("ssl.truststore.location", truststore);
            if (truststorePassword != null) {
                p.put("ssl.truststore.password", truststorePassword);
            }
        }
        return p;
    }

    /** The same properties as options of Spark's Kafka source and sink ({@code kafka.} prefix). */
    public Map<String, String> sparkOptions() {
        Map<String, String> p = new LinkedHashMap<>();
        clientProperties().forEach((k, v) -> p.put("kafka." + k, v));
        return p;
    }

    /** {@code base} with these properties added, for a client built from a map. */
    public Map<String, Object> with(Map<String, Object> base) {
        Map<String, Object> p = new LinkedHashMap<>(base);
        p.putAll(clientProperties());
        return p;
    }

    @Override
    public String toString() {
        return "KafkaSecurity[" + protocol + (mechanism == null ? "" : ", " + mechanism + " as " + username)
                + (truststore == null ? "" : ", truststore " + truststore) + "]";
    }

    /** A secret from {@code NAME}, or from the file that {@code NAME_FILE} names (a mounted Secret). */
    public static String secret(Map<String, String> env, String name) {
        String file = env.get(name + "_FILE");
        if (file != null && !file.isBlank()) {
            try {
                return Files.readString(Path.of(file)).strip();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + name + "_FILE " + file, e);
            }
        }
        return env.get(name);
    }

    private static String quoted(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
