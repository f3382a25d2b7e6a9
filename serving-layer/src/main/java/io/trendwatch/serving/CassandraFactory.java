package io.trendwatch.serving;

import com.fasterxml.jackson.annotation.JsonProperty;
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

    public CassandraSettings settings() {
        return new CassandraSettings(CassandraSettings.parseContactPoints(contactPoints), localDatacenter, keyspace,
                Replication.parse(replication), consistency);
    }
}
