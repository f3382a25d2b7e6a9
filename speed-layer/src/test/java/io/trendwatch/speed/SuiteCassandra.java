package io.trendwatch.speed;

import com.datastax.oss.driver.api.core.CqlSession;
import io.trendwatch.store.CassandraConnector;
import io.trendwatch.store.CassandraSettings;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A session to the suite's Cassandra for the tests of one class: opened before the first, closed after the last. */
final class SuiteCassandra implements BeforeAllCallback, AfterAllCallback {

    private CqlSession session;

    CqlSession session() {
        return session;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        session = CassandraConnector.connect(CassandraSettings.fromEnvironment());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        session.close();
    }
}
