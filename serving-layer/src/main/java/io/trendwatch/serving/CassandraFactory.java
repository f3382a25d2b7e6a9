package io.trendwatch.serving;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.trendwatch.store.CassandraSecurity;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.Replication;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

/**
 * Where the views are. Every field can come from the environment through config.yml's ${VAR:-default}; a login or
 * TLS setting left empty there (YAML reads it as null) is "" here: none.
 */
public class CassandraFactory {

    @NotEmpty
    @JsonProperty
    private String contactPoints = CassandraSettings.DEFAULT_CONTACT_POINTS;

    @NotEmpty
    @JsonProperty
    private String localDatacenter = CassandraSettings.DEFAULT_DATACENTER;

    @NotEmpty
    @Pattern(regexp = "[a-z][a-z0-9_]{0,47}", message = "must be lower case letters, digits and _, starting with a letter")
    @JsonProperty
    private String keyspace = CassandraSettings.DEFAULT_KEYSPACE;

    @NotEmpty
    @JsonProperty
    private String replication = "SimpleStrategy:1";

    /** Consistency level of every read; empty: LOCAL_QUORUM when a datacenter keeps more than one replica, else LOCAL_ONE. */
    // any case, as the layers take TRENDWATCH_CONSISTENCY
    @Pattern(regexp = "|LOCAL_ONE|LOCAL_QUORUM|QUORUM|ONE|TWO|THREE|EACH_QUORUM|ALL", flags = Pattern.Flag.CASE_INSENSITIVE,
            message = "must be empty or one of LOCAL_ONE, LOCAL_QUORUM, QUORUM, ONE, TWO, THREE, EACH_QUORUM, ALL")
    @JsonProperty
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    private String consistency = "";

    /** Login (PasswordAuthenticator); empty: none. */
    @JsonProperty
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    private String username = "";

    /** A file holding the user name (a mounted Secret); wins over {@code username} when set. */
    @JsonProperty
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    private String usernameFile = "";

    @JsonProperty
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    private String password = "";

    /** A file holding the password (a mounted Secret); wins over {@code password} when set. */
    @JsonProperty
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    private String passwordFile = "";

    /** Truststore (PKCS12 or JKS) for TLS to the nodes; empty: no TLS. */
    @JsonProperty
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    private String truststore = "";

    @JsonProperty
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    private String truststorePassword = "";

    /** Apply the schema migrations when connecting (layers do this at start). */
    @JsonProperty
    private boolean migrate = true;

    public String getContactPoints() {
        return contactPoints;
    }

    public boolean isMigrate() {
        return migrate;
    }

    public CassandraSettings settings() {
        java.util.Map<String, String> secrets = new java.util.HashMap<>();
        secrets.put("TRENDWATCH_CASSANDRA_USERNAME", username);
        secrets.put("TRENDWATCH_CASSANDRA_USERNAME_FILE", usernameFile);
        secrets.put("TRENDWATCH_CASSANDRA_PASSWORD", password);
        secrets.put("TRENDWATCH_CASSANDRA_PASSWORD_FILE", passwordFile);
        secrets.put("TRENDWATCH_CASSANDRA_TRUSTSTORE", truststore);
        secrets.put("TRENDWATCH_CASSANDRA_TRUSTSTORE_PASSWORD", truststorePassword.isEmpty() ? null : truststorePassword);
        return new CassandraSettings(CassandraSettings.parseContactPoints(contactPoints), localDatacenter, keyspace,
                Replication.parse(replication), consistency, CassandraSecurity.fromEnvironment(secrets));
    }
}
