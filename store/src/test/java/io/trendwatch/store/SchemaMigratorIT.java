package io.trendwatch.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import io.trendwatch.store.views.Table;
import io.trendwatch.store.views.Tables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against the real Cassandra node started by bin/test (TRENDWATCH_CASSANDRA). */
class SchemaMigratorIT {

    private static final String KEYSPACE = "tw_it_migrations";
    private static CassandraSettings settings;
    private static CqlSession session;

    @BeforeAll
    static void connect() {
        settings = CassandraSettings.fromEnvironment().withKeyspace(KEYSPACE);
        session = CassandraConnector.connect(settings);
        session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
    }

    @AfterAll
    static void close() {
        session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
        session.close();
    }

    @Test
    void appliesOnceThenIsANoOpAndRefusesEditedMigrations() {
        SchemaMigrator migrator = new SchemaMigrator(session, settings);
        List<Integer> all = migrator.migrations().stream().map(Migration::version).toList();

        SchemaMigrator.Result first = migrator.migrate();
        assertThat(first.applied()).isEqualTo(all);
        assertThat(first.alreadyApplied()).isEmpty();

        SchemaMigrator.Result second = new SchemaMigrator(session, settings).migrate();
        assertThat(second.applied()).isEmpty();
        assertThat(second.alreadyApplied()).isEqualTo(all);

        KeyspaceMetadata ks = session.refreshSchema().getKeyspace(KEYSPACE).orElseThrow();
        assertThat(ks.getReplication()).containsEntry("class", "org.apache.cassandra.locator.SimpleStrategy")
                .containsEntry("replication_factor", "1");
        // the live schema is the contract's (the unit test compares the contract with the scripts)
        for (Table t : Tables.all()) {
            assertThat(ks.getTable(t.name()).orElseThrow().getColumns().keySet()).extracting(Object::toString)
                    .as(t.name()).containsExactlyInAnyOrderElementsOf(t.columns());
        }
        assertThat(ks.getTables().keySet()).extracting(Object::toString).containsAll(Tables.RETIRED).contains("schema_migrations")
                .hasSize(Tables.all().size() + Tables.RETIRED.size() + 1);
        assertThat(ks.getTable("speed_term_counts").orElseThrow().getOptions().toString())
                .contains("default_time_to_live=604800");

        Migration edited = new Migration(1, "views boundary and models", migrator.migrations().get(0).script() + "\n-- edited\n");
        assertThatThrownBy(() -> new SchemaMigrator(session, settings, List.of(edited)).migrate())
                .hasMessageContaining("V1").hasMessageContaining("changed after it was applied");
    }

    @Test
    void saysWhatToStartWhenCassandraIsNotThere() {
        CassandraSettings nowhere = new CassandraSettings(CassandraSettings.parseContactPoints("127.0.0.1:1"),
                "datacenter1", KEYSPACE, Replication.LOCAL);
        assertThatThrownBy(() -> CassandraConnector.connect(nowhere))
                .isInstanceOf(CassandraUnavailableException.class)
                .hasMessageContaining("127.0.0.1:1").hasMessageContaining("bin/trendwatch infra up");
    }
}
