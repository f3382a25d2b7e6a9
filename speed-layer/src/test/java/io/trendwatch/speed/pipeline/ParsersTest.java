package io.trendwatch.speed.pipeline;

import io.trendwatch.core.post.Post;
import io.trendwatch.core.post.PostCodec;
import io.trendwatch.core.sentiment.SentimentScorer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The two readers of the same Kafka records: the views get the accepted posts, the dead letters the rest. */
class ParsersTest {

    private static final StructType KAFKA = new StructType()
            .add("key", DataTypes.BinaryType).add("value", DataTypes.BinaryType)
            .add("topic", DataTypes.StringType).add("partition", DataTypes.IntegerType).add("offset", DataTypes.LongType);

    private static final PostCodec CODEC = new PostCodec();

    private static List<Row> records() {
        List<byte[]> values = List.of(
                CODEC.encode(Post.ofText("p1", "twitter", "a", "#first post here", "en", Instant.parse("2016-01-01T00:00:10Z"))),
                "{\"id\":\"x1\",".getBytes(StandardCharsets.UTF_8),
                "{\"id\":42}".getBytes(StandardCharsets.UTF_8),
                CODEC.encode(Post.ofText("p2", "twitter", "b", "@someone second", "en", Instant.parse("2016-01-01T00:01:10Z"))));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            rows.add(new GenericRowWithSchema(new Object[]{("k" + i).getBytes(StandardCharsets.UTF_8), values.get(i),
                    "posts", 1, 100L + i}, KAFKA));
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
        List<Row> out = drain(new RejectedRecords().call(records().iterator()));
        assertThat(out).hasSize(2);
        assertThat(out.get(0).getString(0)).isEqualTo("MALFORMED_JSON");
        assertThat((byte[]) out.get(0).get(3)).isEqualTo("{\"id\":\"x1\",".getBytes(StandardCharsets.UTF_8));
        assertThat(out.get(0).getLong(6)).isEqualTo(101L);
        assertThat(out.get(1).getString(0)).isEqualTo("WRONG_TYPE");
        assertThat(out.get(1).getString(1)).isNotBlank();
        assertThat(out.get(1).getLong(6)).isEqualTo(102L);
    }

    @Test
    void postParserKeepsOnlyAcceptedPostsWithTheirTermsAndTheTotal() {
        List<Row> out = drain(new PostParser(SentimentScorer.UNSCORED).call(records().iterator()));
        assertThat(out).extracting(r -> r.getString(0)).containsExactly("p1", "p2");
        assertThat(out.get(0).getString(2)).isEqualTo("unscored");
        assertThat(out.get(0).getSeq(3).toString()).contains("#first", "*");
        assertThat(out.get(1).getSeq(3).toString()).contains("@someone");
    }
}
