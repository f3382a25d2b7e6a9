package io.trendwatch.serving;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.trendwatch.store.CassandraConnector;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.views.Tables;

import java.time.Duration;

/** Waits until a speed query has accepted exactly the posts sent, with no record left to read, as its status row says. */
final class SpeedCounted {

    private SpeedCounted() {
    }

    static void await(String keyspace, String query, long posts, LayerProcess speed, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        try (CqlSession s = CassandraConnector.connect(CassandraSettings.fromEnvironment())) {
            while (true) {
                Row status = null;
                try {
                    status = s.execute("SELECT accepted_posts, lag_records FROM " + Tables.SPEED_STATUS.in(keyspace) + " WHERE query = ?",
                            query).one();
                } catch (RuntimeException notYet) {
                    // the table appears with the speed layer's first session
                }
                if (status != null && status.getLong("accepted_posts") == posts && status.getLong("lag_records") == 0) {
                    return;
                }
                if (!speed.isAlive()) {
                    throw new AssertionError("the speed layer died:\n" + speed.tail());
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the speed layer did not count the " + posts + " posts in " + limit + ":\n" + speed.tail());
                }
                Thread.sleep(1_000);
            }
        }
    }
}
