package io.trendwatch.speed.pipeline;

import io.trendwatch.core.post.EventTimeGuard;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.post.PostCodec;
import io.trendwatch.core.sentiment.Sentiment;
import io.trendwatch.core.sentiment.SentimentScorer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The two readers of the same Kafka records: the views get the accepted posts, the dead letters the rest. */
class ParsersTest {

    private static final StructType KAFKA = new StructType()
            .add("key", DataTypes.BinaryType).add("value", DataTypes.BinaryType)
            .add("topic", DataTypes.StringType).add("partition", DataTypes.IntegerType).add("offset", DataTypes.LongType)
            .add("timestamp", DataTypes.TimestampType);

    /** When the records reached Kafka: a minute after the last post's own time. */
    private static final Timestamp ARRIVED = Timestamp.from(Instant.parse("2016-01-01T00:02:10Z"));

    private static final PostCodec CODEC = new PostCodec();

    private static List<Row> records() {
        List<byte[]> values = List.of(
                CODEC.encode(Post.ofText("p1", "twitter", "a", "#first post here", "en", Instant.parse("2016-01-01T00:00:10Z"))),
                "{\"id\":\"x1\",".getBytes(StandardCharsets.UTF_8),
                "{\"id\":42}".getBytes(StandardCharsets.UTF_8),
                CODEC.encode(Post.ofText("p2", "twitter", "b", "@someone second", "en", Instant.parse("2016-01-01T00:01:10Z"))),
                CODEC.encode(Post.ofText("p3", "twitter", "c", "#future from a broken clock", "en", Instant.parse("2099-01-01T00:00:00Z"))));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            rows.add(new GenericRowWithSchema(new Object[]{("k" + i).getBytes(StandardCharsets.UTF_8), values.get(i),
                    "posts", 1, 100L + i, ARRIVED}, KAFKA));
        }
        return rows;
    }

    private static List<Row> drain(Iterator<Row> it) {
        List<Row> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void rejectedRecordsKeepOnlyTheBadOnesWithReasonBytesAndOffset() {
        List<Row> out = drain(new RejectedRecords(EventTimeGuard.DEFAULT).call(records().iterator()));
        assertThat(out).hasSize(3);
        assertThat(out.get(0).getString(0)).isEqualTo("MALFORMED_JSON");
        assertThat((byte[]) out.get(0).get(3)).isEqualTo("{\"id\":\"x1\",".getBytes(StandardCharsets.UTF_8));
        assertThat(out.get(0).getLong(6)).isEqualTo(101L);
        assertThat(out.get(1).getString(0)).isEqualTo("WRONG_TYPE");
        assertThat(out.get(1).getString(1)).isNotBlank();
        assertThat(out.get(1).getLong(6)).isEqualTo(102L);
        assertThat(out.get(2).getString(0)).isEqualTo("FUTURE_TIMESTAMP");
        assertThat(out.get(2).getString(1)).contains("2099-01-01T00:00:00Z", "2016-01-01T00:02:10Z");
        assertThat(out.get(2).getLong(6)).isEqualTo(104L);
    }

    @Test
    void postParserKeepsOnlyAcceptedPostsWithTheirTermsAndTheTotal() {
        List<Row> out = drain(new PostParser(SentimentScorer.UNSCORED, EventTimeGuard.DEFAULT, SpeedConfig.COUNT_ALL).call(records().iterator()));
        assertThat(out).extracting(r -> r.getString(0)).containsExactly("p1", "p2");
        assertThat(out.get(0).getString(2)).isEqualTo("unscored");
        assertThat(out.get(0).getSeq(3).toString()).contains("#first", "*");
        assertThat(out.get(1).getSeq(3).toString()).contains("@someone");
    }

    @Test
    void postParserNeitherTokenizesNorLabelsAPostBeforeCountFromButKeepsItsRowForTheMetric() {
        List<String> labelled = new ArrayList<>();
        SentimentScorer recording = new SentimentScorer() {
            @Override
            public List<Sentiment> label(List<String> texts) {
                labelled.addAll(texts);
                return Collections.nCopies(texts.size(), Sentiment.POSITIVE);
            }

            @Override
            public String version() {
                return "recording";
            }
        };
        Instant countFrom = Instant.parse("2016-01-01T00:01:00Z");
        List<Row> out = drain(new PostParser(recording, EventTimeGuard.DEFAULT, countFrom).call(records().iterator()));

        assertThat(out).extracting(r -> r.getString(0)).containsExactlyInAnyOrder("p1", "p2");
        assertThat(labelled).containsExactly("@someone second");
        Row before = out.stream().filter(r -> r.getString(0).equals("p1")).findFirst().orElseThrow();
        assertThat(before.getTimestamp(1).toInstant()).isEqualTo(Instant.parse("2016-01-01T00:00:10Z"));
        assertThat(before.getString(2)).isEqualTo("unscored");
        assertThat(before.getSeq(3).isEmpty()).as("a post before countFrom adds no term").isTrue();
        Row counted = out.stream().filter(r -> r.getString(0).equals("p2")).findFirst().orElseThrow();
        assertThat(counted.getString(2)).isEqualTo("positive");
        assertThat(counted.getSeq(3).toString()).contains("@someone", "*");
    }

    @Test
    void postParserReadsAChunkOfRecordsAtATimeWhenNoPostIsCounted() {
        int records = 3 * SentimentScorer.CHUNK;
        List<Row> old = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            old.add(new GenericRowWithSchema(new Object[]{null, CODEC.encode(Post.ofText("q" + i, "twitter", "a", "old #news",
                    "en", Instant.parse("2015-01-01T00:00:00Z"))), "posts", 0, (long) i, ARRIVED}, KAFKA));
        }
        AtomicInteger read = new AtomicInteger();
        Iterator<Row> input = old.stream().peek(r -> read.incrementAndGet()).iterator();
        Iterator<Row> out = new PostParser(SentimentScorer.UNSCORED, EventTimeGuard.DEFAULT, Instant.parse("2016-01-01T00:00:00Z"))
                .call(input);

        assertThat(out.hasNext()).isTrue();
        assertThat(read.get()).as("records read before the first row is handed on").isEqualTo(SentimentScorer.CHUNK);
        assertThat(drain(out)).hasSize(records).allMatch(r -> r.getSeq(3).isEmpty());
    }
}
