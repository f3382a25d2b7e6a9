package io.trendwatch.batch.master;

import io.trendwatch.core.post.EventTimeGuard;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.post.PostCodec;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The archive applies the speed layer's rule against posts dated after they reached Kafka. */
class ArchiveParseTest {

    private static final StructType KAFKA = new StructType().add("value", DataTypes.BinaryType)
            .add("partition", DataTypes.IntegerType).add("offset", DataTypes.LongType).add("timestamp", DataTypes.TimestampType);

    @Test
    void aPostDatedAfterItsArrivalIsRejectedWithItsReasonAndTheOthersKept() {
        PostCodec codec = new PostCodec();
        Timestamp arrived = Timestamp.from(Instant.parse("2016-11-25T10:00:00Z"));
        List<Row> in = List.of(
                row(codec.encode(Post.ofText("a", "twitter", "u", "#ok", "en", Instant.parse("2016-11-25T09:59:00Z"))), 0, arrived),
                row(codec.encode(Post.ofText("b", "twitter", "u", "#future", "en", Instant.parse("2099-01-01T00:00:00Z"))), 1, arrived),
                row(codec.encode(Post.ofText("c", "twitter", "u", "#skew", "en", Instant.parse("2016-11-25T10:04:00Z"))), 2, arrived));
        List<Row> out = new ArrayList<>();
        new KafkaArchiver.Parse("posts", EventTimeGuard.DEFAULT).call(in.iterator()).forEachRemaining(out::add);
        int reason = KafkaArchiver.Parse.SCHEMA.fieldIndex("reason");
        assertThat(out).extracting(r -> r.isNullAt(reason) ? null : r.getString(reason))
                .containsExactly(null, "FUTURE_TIMESTAMP", null);
        assertThat(out.get(1).getString(PostRows.SCHEMA.fieldIndex("source"))).isEqualTo("kafka:posts/0@1");
        // where each record was read, rejected or not: the archive keeps the lowest offset of a post's copies
        assertThat(out).extracting(r -> r.getLong(KafkaArchiver.Parse.SCHEMA.fieldIndex(KafkaArchiver.Parse.OFFSET)))
                .containsExactly(0L, 1L, 2L);
        assertThat(out).extracting(r -> r.getInt(KafkaArchiver.Parse.SCHEMA.fieldIndex(KafkaArchiver.Parse.PARTITION)))
                .containsOnly(0);
    }

    private static Row row(byte[] value, long offset, Timestamp ts) {
        return new GenericRowWithSchema(new Object[]{value, 0, offset, ts}, KAFKA);
    }
}
