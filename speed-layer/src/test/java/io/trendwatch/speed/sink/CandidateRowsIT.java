package io.trendwatch.speed.sink;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.trendwatch.core.trend.TrendParams;
import io.trendwatch.store.CassandraConnector;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.SchemaMigrator;
import io.trendwatch.store.views.Tables;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A term's candidate row of an hour holds its best minute, whatever order the minutes reach the writer in: the API
 * orders a window's candidates by it, and a row left at a weaker minute put a new term's burst behind hundreds of
 * words that had two posts in a minute. Written through the real writer to the suite's Cassandra; the minutes are
 * spread over several requests (other terms' rows between them), as a micro-batch spreads them.
 */
class CandidateRowsIT {

    private static final String KEYSPACE = "tw_candidates_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static final CassandraSettings SETTINGS = CassandraSettings.fromEnvironment().withKeyspace(KEYSPACE);
    private static final StructType SCHEMA = new StructType()
            .add("bucket", DataTypes.TimestampType).add("term", DataTypes.StringType).add("kind", DataTypes.StringType)
            .add("posts", DataTypes.LongType).add("positive", DataTypes.LongType).add("neutral", DataTypes.LongType)
            .add("negative", DataTypes.LongType).add("unscored", DataTypes.LongType);
    private static final Instant HOUR = Instant.parse("2026-11-30T06:00:00Z");
    private static CqlSession session;

    @BeforeAll
    static void keyspace() {
        session = CassandraConnector.connect(SETTINGS.withKeyspace("system"));
        new SchemaMigrator(session, SETTINGS).migrate();
    }

    @AfterAll
    static void drop() {
        session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
        session.close();
    }

    @Test
    void theRowHoldsTheBestMinuteWhateverTheOrder() throws Exception {
        // the best minute comes in the middle, a weaker one last, each in a request of its own
        write("#springlaunch", new long[] {2, 9, 3});
        assertThat(candidatePosts("#springlaunch")).isEqualTo(9);
        // a later micro-batch with a better minute raises it; one with a weaker minute leaves it
        write("#springlaunch", new long[] {12});
        write("#springlaunch", new long[] {4});
        assertThat(candidatePosts("#springlaunch")).isEqualTo(12);
        // best first, then weaker ones
        write("#popupnight", new long[] {7, 2, 5});
        assertThat(candidatePosts("#popupnight")).isEqualTo(7);
    }

    @Test
    void aWeakerMinuteWrittenLaterByAnotherWriterDoesNotReplaceIt() {
        // what a second executor, or a restarted one that forgot what it wrote, would send: the row's rule holds in
        // Cassandra, not in one JVM's memory
        String insert = Tables.SPEED_TRENDING.insert(KEYSPACE, "step, bucket, term, kind, posts, score, zscore, poisson, "
                + "baseline, updated_at", Tables.SPEED_TRENDING_TIMESTAMP);
        var prepared = session.prepare(insert);
        session.execute(prepared.bind("hour", HOUR, "#other", "hashtag", 8L, 1.0, 1.0, 1.0, 0.0, Instant.now(), 8L));
        session.execute(prepared.bind("hour", HOUR, "#other", "hashtag", 3L, 1.0, 1.0, 1.0, 0.0, Instant.now(), 3L));
        assertThat(candidatePosts("#other")).isEqualTo(8);
    }

    /** One writer task: the term's minutes in this order, 40 rows of one-post words between each two. */
    private static void write(String term, long[] minutes) throws Exception {
        List<org.apache.spark.sql.Row> rows = new ArrayList<>();
        Map<Instant, Long> totals = new HashMap<>();
        for (int i = 0; i < minutes.length; i++) {
            Instant minute = HOUR.plusSeconds(60L * (10 + 3 * i + (int) minutes[i] % 3));
            totals.put(minute, 300L);
            rows.add(row(minute, term, "hashtag", minutes[i]));
            for (int f = 0; f < 40; f++) {
                rows.add(row(minute, "filler" + f, "word", 1));
            }
        }
        ViewWriter.write(SETTINGS, TrendParams.DEFAULT, totals, rows.iterator());
    }

    private static org.apache.spark.sql.Row row(Instant minute, String term, String kind, long posts) {
        return new GenericRowWithSchema(new Object[] {Timestamp.from(minute), term, kind, posts, 0L, 0L, 0L, posts}, SCHEMA);
    }

    private static long candidatePosts(String term) {
        Row r = session.execute(Tables.SPEED_TRENDING.select(KEYSPACE, "posts", "step = 'hour' AND bucket = ? AND term = ?"),
                HOUR, term).one();
        assertThat(r).as("a candidate row for %s", term).isNotNull();
        return r.getLong("posts");
    }
}
