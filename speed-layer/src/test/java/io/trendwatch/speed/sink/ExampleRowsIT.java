package io.trendwatch.speed.sink;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.trendwatch.core.view.ExamplePosts;
import io.trendwatch.speed.pipeline.ExampleCandidates;
import io.trendwatch.store.CassandraConnector;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.SchemaMigrator;
import io.trendwatch.store.views.CountUpserts;
import io.trendwatch.store.views.ExampleRows;
import io.trendwatch.store.views.Layer;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A minute's speed example is its candidate of the smallest (rank, id), whatever order the candidates reach
 * Cassandra in: spread over tasks and micro-batches, shuffled, and sent again by a writer that forgot what it wrote.
 * Written through the real writer to the suite's Cassandra and compared with {@link ExamplePosts#smallest} over the
 * same candidates.
 */
class ExampleRowsIT {

    private static final String KEYSPACE = "tw_examples_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static final CassandraSettings SETTINGS = CassandraSettings.fromEnvironment().withKeyspace(KEYSPACE);
    private static final Instant MINUTE = Instant.parse("2026-11-30T06:17:00Z");
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
    void theRowHoldsTheSmallestRankWhateverTheOrderOfTheWrites() throws Exception {
        List<ExamplePosts.Example> all = IntStream.range(0, 4_000).mapToObj(i -> "post-" + i)
                .filter(id -> ExamplePosts.eligible(ExamplePosts.rank(id)))
                .map(id -> new ExamplePosts.Example(ExamplePosts.rank(id), id, MINUTE.plusSeconds(7), "#orderless " + id, "neutral"))
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
        session.execute(speed.upsert("#orderless", MINUTE, second, new CountUpserts.SpeedStamp(Instant.now())));
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
        return new GenericRowWithSchema(new Object[] {Timestamp.from(MINUTE), term, e.rank(), e.id(),
                Timestamp.from(e.createdAt()), e.text(), e.sentiment()}, ExampleCandidates.SCHEMA);
    }

    private static ExamplePosts.Example stored(String term) {
        Row r = session.execute(ExampleRows.selectHour(Layer.SPEED, KEYSPACE), term, Instant.parse("2026-11-30T06:00:00Z")).one();
        assertThat(r).as("an example row for %s", term).isNotNull();
        assertThat(ExampleRows.minute(r)).isEqualTo(MINUTE);
        return ExampleRows.example(r);
    }
}
