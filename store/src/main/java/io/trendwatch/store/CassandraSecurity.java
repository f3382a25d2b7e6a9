package io.trendwatch.store;

import io.trendwatch.core.config.KafkaSecurity;

import java.io.Serializable;
import java.util.Map;

/**
 * How the layers log in to Cassandra: a user and password (PasswordAuthenticator), and a truststore
 * for TLS between client and node. Nothing set: no login and no TLS, as the local {@code infra up}
 * node. The password never appears in {@link #toString()}.
 */
public record CassandraSecurity(String username, String password, String truststore, String truststorePassword)
        implements Serializable {

    public static final CassandraSecurity NONE = new CassandraSecurity(null, null, null, null);

    public CassandraSecurity {
        username = blankToNull(username);
        truststore = blankToNull(truststore);
        if (username != null && password == null) {
            throw new IllegalArgumentException("TRENDWATCH_CASSANDRA_USERNAME is set but no password: set "
                    + "TRENDWATCH_CASSANDRA_PASSWORD or TRENDWATCH_CASSANDRA_PASSWORD_FILE");
        }
    }

    /**
     * {@code TRENDWATCH_CASSANDRA_USERNAME} and {@code TRENDWATCH_CASSANDRA_PASSWORD} (each or its {@code _FILE}, a mounted Secret),
     * {@code TRENDWATCH_CASSANDRA_TRUSTSTORE} and {@code TRENDWATCH_CASSANDRA_TRUSTSTORE_PASSWORD}.
     */
    public static CassandraSecurity fromEnvironment(Map<String, String> env) {
        return new CassandraSecurity(KafkaSecurity.secret(env, "TRENDWATCH_CASSANDRA_USERNAME"), KafkaSecurity.secret(env, "TRENDWATCH_CASSANDRA_PASSWORD"),
                env.get("TRENDWATCH_CASSANDRA_TRUSTSTORE"), env.get("TRENDWATCH_CASSANDRA_TRUSTSTORE_PASSWORD"));
    }

    public boolean logsIn() {
        return username != null;
    }

    public boolean usesTls() {
        return truststore != null;
    }

    @Override
    public String toString() {
        return "CassandraSecurity[" + (logsIn() ? "as " + username : "no login") + (usesTls() ? ", TLS with " + truststore : "") + "]";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
