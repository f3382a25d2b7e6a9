package io.trendwatch.store;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CassandraSettingsTest {

    @Test
    void quorumWhereThereAreReplicasOneWhereThereIsOne() {
        assertThat(CassandraSettings.fromEnvironment(Map.of()).consistency()).isEqualTo("LOCAL_ONE");
        assertThat(CassandraSettings.fromEnvironment(Map.of("TRENDWATCH_REPLICATION", "NetworkTopologyStrategy:dc1=3"))
                .consistency()).isEqualTo("LOCAL_QUORUM");
    }

    @Test
    void anOperatorSetsItAndAKeyspaceChangeKeepsIt() {
        CassandraSettings s = CassandraSettings.fromEnvironment(Map.of("TRENDWATCH_CONSISTENCY", "quorum"));
        assertThat(s.consistency()).isEqualTo("QUORUM");
        assertThat(s.withKeyspace("other").consistency()).isEqualTo("QUORUM");
    }

    @Test
    void refusesALevelThatDoesNotExist() {
        assertThatThrownBy(() -> CassandraSettings.fromEnvironment(Map.of("TRENDWATCH_CONSISTENCY", "MOST")))
                .hasMessageContaining("'MOST'").hasMessageContaining("LOCAL_QUORUM");
    }

    @Test
    void logsInWithCredentialsFromFilesAndNeverShowsThePassword() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("cassandra-login");
        java.nio.file.Files.writeString(dir.resolve("username"), "trendwatch-superuser\n");
        java.nio.file.Files.writeString(dir.resolve("password"), "s3cret\n");
        CassandraSettings s = CassandraSettings.fromEnvironment(Map.of(
                "TRENDWATCH_CASSANDRA_USERNAME_FILE", dir.resolve("username").toString(),
                "TRENDWATCH_CASSANDRA_PASSWORD_FILE", dir.resolve("password").toString()));
        assertThat(s.security().logsIn()).isTrue();
        assertThat(s.security().username()).isEqualTo("trendwatch-superuser");
        assertThat(s.security().password()).isEqualTo("s3cret");
        assertThat(s.toString()).contains("as trendwatch-superuser").doesNotContain("s3cret");
        assertThat(s.withKeyspace("other").security()).isEqualTo(s.security());
        assertThat(CassandraSettings.fromEnvironment(Map.of()).security().logsIn()).isFalse();
        assertThatThrownBy(() -> CassandraSettings.fromEnvironment(Map.of("TRENDWATCH_CASSANDRA_USERNAME", "u")))
                .hasMessageContaining("TRENDWATCH_CASSANDRA_PASSWORD");
    }
}
