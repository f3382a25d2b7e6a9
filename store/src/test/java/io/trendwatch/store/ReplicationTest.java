package io.trendwatch.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplicationTest {

    @Test
    void rendersBothStrategiesAsCql() {
        assertThat(Replication.parse("SimpleStrategy:1").toCql())
                .isEqualTo("{'class': 'SimpleStrategy', 'replication_factor': 1}");
        assertThat(Replication.parse("NetworkTopologyStrategy:eu-west=3,us-east=2").toCql())
                .isEqualTo("{'class': 'NetworkTopologyStrategy', 'eu-west': 3, 'us-east': 2}");
    }

    @Test
    void refusesWhatCassandraWouldRefuse() {
        assertThatThrownBy(() -> Replication.parse("SimpleStrategy")).hasMessageContaining("SimpleStrategy:1");
        assertThatThrownBy(() -> Replication.parse("LocalStrategy:1")).hasMessageContaining("unknown strategy");
        assertThatThrownBy(() -> Replication.parse("SimpleStrategy:0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Replication.parse("NetworkTopologyStrategy:dc1")).hasMessageContaining("dc=factor");
    }

    @Test
    void readsSettingsFromTheEnvironment() {
        CassandraSettings s = CassandraSettings.fromEnvironment(java.util.Map.of(
                "TRENDWATCH_CASSANDRA", "10.0.0.1:9142, 10.0.0.2", "TRENDWATCH_KEYSPACE", "tw_prod",
                "TRENDWATCH_REPLICATION", "NetworkTopologyStrategy:dc1=3"));
        assertThat(s.describeContactPoints()).isEqualTo("10.0.0.1:9142,10.0.0.2:9042");
        assertThat(s.keyspace()).isEqualTo("tw_prod");
        assertThat(s.replication().strategy()).isEqualTo("NetworkTopologyStrategy");
        assertThatThrownBy(() -> s.withKeyspace("Bad-Name")).hasMessageContaining("keyspace");
    }

    @Test
    void migrationsAreNumberedAndSplitIntoStatements() {
        Migration m = Migration.of("V002__add_things.cql", "-- comment\nCREATE TABLE ${keyspace}.a (x int PRIMARY KEY);\n\nDROP TABLE ${keyspace}.b;\n");
        assertThat(m.version()).isEqualTo(2);
        assertThat(m.description()).isEqualTo("add things");
        assertThat(m.statements("ks")).containsExactly("CREATE TABLE ks.a (x int PRIMARY KEY)", "DROP TABLE ks.b");
        assertThatThrownBy(() -> Migration.of("002.cql", "")).hasMessageContaining("V<n>__");
        assertThat(SchemaMigrator.bundledMigrations()).extracting(Migration::version).startsWith(1).doesNotHaveDuplicates();
    }
}
