package io.trendwatch.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Against the real Cassandra node started by bin/test (TRENDWATCH_CASSANDRA). */
class ReplicaBatchesIT {

    private static final String KEYSPACE = "tw_it_replica_batches";
    private static CqlSession session;

    @BeforeAll
    static void connect() {
        CassandraSettings settings = CassandraSettings.fromEnvironment().withKeyspace(KEYSPACE);
        session = CassandraConnector.connect(settings);
        session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
        session.execute("CREATE KEYSPACE " + KEYSPACE + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        session.execute("CREATE TABLE " + KEYSPACE + ".counts (term text, bucket int, posts bigint, PRIMARY KEY ((term), bucket))");
    }

    @AfterAll
    static void close() {
        session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
        session.close();
    }

    @Test
    void writesEveryRowInFewerRequestsAndARewriteReplacesTheRows() throws InterruptedException {
        PreparedStatement insert = session.prepare("INSERT INTO " + KEYSPACE + ".counts (term, bucket, posts) VALUES (?, ?, ?)");
        Map<String, Long> expected = new HashMap<>();
        for (int pass = 1; pass <= 2; pass++) {
            ReplicaBatches writes = new ReplicaBatches(session, KEYSPACE, new BoundedWrites(session, 8), 32);
            for (int i = 0; i < 1_001; i++) {   // 1,001 partitions of one or two rows: not a multiple of the batch size
                String term = "term" + i;
                for (int bucket = 0; bucket <= i % 2; bucket++) {
                    long posts = (long) pass * i + bucket;
                    writes.add(insert.bind(term, bucket, posts));
                    expected.put(term + "/" + bucket, posts);
                }
            }
            assertThat(writes.finish()).as("rows written").isEqualTo(1_501);
            // one node owns every partition: full batches of 32 and one remainder
            assertThat(writes.requests()).isEqualTo((1_501 + 31) / 32);
        }
        Map<String, Long> actual = new HashMap<>();
        for (Row r : session.execute("SELECT term, bucket, posts FROM " + KEYSPACE + ".counts")) {
            actual.put(r.getString("term") + "/" + r.getInt("bucket"), r.getLong("posts"));
        }
        assertThat(actual).isEqualTo(expected);
    }
}
