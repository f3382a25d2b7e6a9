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
}
