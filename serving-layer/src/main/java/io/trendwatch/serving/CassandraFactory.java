package io.trendwatch.serving;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.trendwatch.store.CassandraSecurity;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.Replication;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

/** Where the views are. Every field can come from the environment through config.yml's ${VAR:-default}. */
public class CassandraFactory {

    @NotEmpty
    private String contactPoints = CassandraSettings.DEFAULT_CONTACT_POINTS;

    @NotEmpty
    private String localDatacenter = CassandraSettings.DEFAULT_DATACENTER;

    @NotEmpty
    @Pattern(regexp = "[a-z][a-z0-9_]{0,47}", message = "must be lower case letters, digits and _, starting with a letter")
    private String keyspace = CassandraSettings.DEFAULT_KEYSPACE;

    @NotEmpty
    private String replication = "SimpleStrategy:1";

    /** Consistency level of every read; empty: LOCAL_QUORUM when a datacenter keeps more than one replica, else LOCAL_ONE. */
    @Pattern(regexp = "|LOCAL_ONE|LOCAL_QUORUM|QUORUM|ONE|TWO|THREE|EACH_QUORUM|ALL",
            message = "must be empty or one of LOCAL_ONE, LOCAL_QUORUM, QUORUM, ONE, TWO, THREE, EACH_QUORUM, ALL")
    private String consistency = "";

    /** Login (PasswordAuthenticator); empty: none. */
    private String username = "";
    /** A file holding the user name (a mounted Secret); wins over {@code username} when set. */
    private String usernameFile = "";
    private String password = "";
    /** A file holding the password (a mounted Secret); wins over {@code password} when set. */
    private String passwordFile = "";
    /** Truststore (PKCS12 or JKS) for TLS to the nodes; empty: no TLS. */
    private String truststore = "";
    private String truststorePassword = "";

    /** Apply the schema migrations when connecting (layers do this at start). */
    private boolean migrate = true;

    @JsonProperty
    public String getContactPoints() {
        return contactPoints;
    }

    @JsonProperty
    public void setContactPoints(String contactPoints) {
        this.contactPoints = contactPoints;
    }

    @JsonProperty
    public String getLocalDatacenter() {
        return localDatacenter;
    }

    @JsonProperty
    public void setLocalDatacenter(String localDatacenter) {
        this.localDatacenter = localDatacenter;
    }

    @JsonProperty
    public String getKeyspace() {
        return keyspace;
    }

    @JsonProperty
    public void setKeyspace(String keyspace) {
        this.keyspace = keyspace;
    }

    @JsonProperty
    public String getReplication() {
        return replication;
    }

    @JsonProperty
    public void setReplication(String replication) {
        this.replication = replication;
    }

    @JsonProperty
    public String getConsistency() {
        return consistency;
    }

    @JsonProperty
    public void setConsistency(String consistency) {
        this.consistency = consistency;
    }

    @JsonProperty
    public boolean isMigrate() {
        return migrate;
    }

    @JsonProperty
    public void setMigrate(boolean migrate) {
        this.migrate = migrate;
    }

    @JsonProperty
    public String getUsername() {
        return username;
    }

    @JsonProperty
    public void setUsername(String username) {
        this.username = username == null ? "" : username;
    }

    @JsonProperty
    public void setUsernameFile(String usernameFile) {
        this.usernameFile = usernameFile == null ? "" : usernameFile;
    }

    @JsonProperty
    public void setPassword(String password) {
        this.password = password == null ? "" : password;
    }

    @JsonProperty
    public void setPasswordFile(String passwordFile) {
        this.passwordFile = passwordFile == null ? "" : passwordFile;
    }

    @JsonProperty
    public String getTruststore() {
        return truststore;
    }

    @JsonProperty
    public void setTruststore(String truststore) {
        this.truststore = truststore == null ? "" : truststore;
    }

    @JsonProperty
    public void setTruststorePassword(String truststorePassword) {
        this.truststorePassword = truststorePassword == null ? "" : truststorePassword;
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
