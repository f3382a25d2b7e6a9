package io.trendwatch.serving;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.trendwatch.store.CassandraConnector;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.SchemaMigrator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A keyspace of one test class's own on the suite's Cassandra, and a session to it: dropped after the class's tests.
 * {@link #migrated} ones start empty with the views' schema, for tests that write view rows themselves; the others
 * are created by the layers the test runs.
 */
public final class TestKeyspace implements BeforeAllCallback, AfterAllCallback {

    private final String name;
    private final boolean migrate;
    private CqlSession session;

    private TestKeyspace(String name, boolean migrate) {
        this.name = name;
        this.migrate = migrate;
    }

    /** Dropped and migrated before the class's tests. */
    public static TestKeyspace migrated(String name) {
        return new TestKeyspace(name, true);
    }

    /** Left to the layers to create. */
    public static TestKeyspace ofLayers(String name) {
        return new TestKeyspace(name, false);
    }

    public String name() {
        return name;
    }

    public CqlSession session() {
        return session;
    }

    /** Writes view rows into this keyspace through the tables contract. */
    public ViewRows rows() {
        return new ViewRows(session, name);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        CassandraSettings settings = CassandraSettings.fromEnvironment().withKeyspace(name);
        session = CassandraConnector.connect(CassandraSettings.fromEnvironment());
        if (migrate) {
            session.execute(drop());
            new SchemaMigrator(session, settings).migrate();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            session.execute(drop());
        } finally {
            session.close();
        }
    }

    /** A keyspace dropped while a class with Spark runs beside it took more than the driver's default 10 s. */
    private SimpleStatement drop() {
        return SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + name).setTimeout(java.time.Duration.ofMinutes(2));
    }
}
