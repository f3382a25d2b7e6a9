package io.trendwatch.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import io.trendwatch.store.CassandraConnector;
import io.trendwatch.store.CassandraSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** What the load drivers share: dropping a run's topics and keyspace, and percentiles of sorted samples. */
final class BenchRuns {

    private BenchRuns() {
    }

    /**
     * Deletes the run's topic and its dead-letter topic (which exists only if a record was refused) and drops its
     * keyspace: left behind, they slow the runs after it (compactions). Failures are reported, not thrown.
     */
    static void drop(String bootstrap, String topic, String keyspace) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            admin.deleteTopics(Stream.of(topic, topic + "-dlq").filter(existing::contains).toList())
                    .all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("could not delete the topics of " + topic + ": " + e);
        }
        CassandraSettings cs = CassandraSettings.fromEnvironment().withKeyspace(keyspace);
        try (CqlSession session = CassandraConnector.connect(cs)) {
            session.execute("DROP KEYSPACE IF EXISTS " + keyspace);
        } catch (RuntimeException e) {
            System.err.println("could not drop keyspace " + keyspace + ": " + e);
        }
    }

    /** The {@code p}-th percentile (nearest rank) of ascending samples. */
    static long percentile(List<Long> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
