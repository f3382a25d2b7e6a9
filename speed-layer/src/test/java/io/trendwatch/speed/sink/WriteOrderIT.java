package io.trendwatch.speed.sink;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.trendwatch.core.trend.TrendParams;
import io.trendwatch.core.view.ExamplePosts;
import io.trendwatch.speed.pipeline.ExampleCandidates;
import io.trendwatch.store.CassandraConnector;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.SchemaMigrator;
import io.trendwatch.store.views.CountUpserts;
import io.trendwatch.store.views.ExampleRows;
import io.trendwatch.store.views.Layer;
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
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The speed rows that keep the best of what was written hold it whatever the order of the writes, through the real
 * writers to the suite's Cassandra. A term's candidate row of an hour holds its best minute: the API orders a window's
 * candidates by it, and a row left at a weaker minute put a new term's burst behind hundreds of words that had two
 * posts in a minute (the minutes are spread over several requests, other terms' rows between them, as a micro-batch
 * spreads them). A minute's example is its candidate of the smallest (rank, id), compared with
 * {@link ExamplePosts#smallest} over the same candidates, sent shuffled over tasks.
 */
class WriteOrderIT {

    private static final String KEYSPACE = "tw_write_order_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static final CassandraSettings SETTINGS = CassandraSettings.fromEnvironment().withKeyspace(KEYSPACE);
    private static final StructType SCHEMA = new StructType()
            .add("bucket", DataTypes.TimestampType).add("term", DataTypes.StringType).add("kind", DataTypes.StringType)
            .add("posts", DataTypes.LongType).add("positive", DataTypes.LongType).add("neutral", DataTypes.LongType)
            .add("negative", DataTypes.LongType).add("unscored", DataTypes.LongType);
    private static final Instant HOUR = Instant.parse("2026-11-30T06:00:00Z");
    private static final Instant EXAMPLE_MINUTE = HOUR.plusSeconds(17 * 60);
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

    @Test
    void anExampleRowHoldsTheSmallestRankWhateverTheOrder() throws Exception {
        List<ExamplePosts.Example> all = IntStream.range(0, 4_000).mapToObj(i -> "post-" + i)
                .filter(id -> ExamplePosts.eligible(ExamplePosts.rank(id)))
                .map(id -> new ExamplePosts.Example(ExamplePosts.rank(id), id, EXAMPLE_MINUTE.plusSeconds(7), "#orderless " + id, "neutral"))
                .toList();
        assertThat(all).hasSizeGreaterThan(100);
        ExamplePosts.Example expected = ExamplePosts.smallest(all, 1).get(0);
        List<ExamplePosts.Example> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(17));
        // eight tasks, each a slice of the shuffled candidates with other terms' candidates between them
        for (int task = 0; task < 8; task++) {
            List<org.apache.spark.sql.Row> rows = new ArrayList<>();
            for (int i = task; i < shuffled.size(); i += 8) {
                rows.add(candidate("#orderless", shuffled.get(i)));
                rows.add(candidate("filler" + i % 5, shuffled.get(i)));
            }
            ExampleWriter.write(SETTINGS, rows.iterator());
        }
        assertThat(stored("#orderless")).isEqualTo(expected);
        // the minute's second smallest, sent by a writer that does not remember the first (another executor, a
        // restart): the row keeps the smallest
        ExampleRows speed = ExampleRows.prepare(session, KEYSPACE, Layer.SPEED);
        ExamplePosts.Example second = ExamplePosts.smallest(all, 2).get(1);
        session.execute(speed.upsert("#orderless", EXAMPLE_MINUTE, second, new CountUpserts.SpeedStamp(Instant.now())));
        assertThat(stored("#orderless")).isEqualTo(expected);
        // each filler term's example is the smallest of the candidates it was given
        for (int f = 0; f < 5; f++) {
            int term = f;
            List<ExamplePosts.Example> given = IntStream.range(0, shuffled.size()).filter(i -> i % 5 == term)
                    .mapToObj(shuffled::get).toList();
            assertThat(stored("filler" + f)).isEqualTo(ExamplePosts.smallest(given, 1).get(0));
        }
    }

    private static org.apache.spark.sql.Row candidate(String term, ExamplePosts.Example e) {
        return new GenericRowWithSchema(new Object[] {Timestamp.from(EXAMPLE_MINUTE), term, e.rank(), e.id(),
                Timestamp.from(e.createdAt()), e.text(), e.sentiment()}, ExampleCandidates.SCHEMA);
    }

    private static ExamplePosts.Example stored(String term) {
        Row r = session.execute(ExampleRows.selectHour(Layer.SPEED, KEYSPACE), term, HOUR).one();
        assertThat(r).as("an example row for %s", term).isNotNull();
        assertThat(ExampleRows.minute(r)).isEqualTo(EXAMPLE_MINUTE);
        return ExampleRows.example(r);
    }
}
