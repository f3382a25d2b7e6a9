package io.trendwatch.batch.master;

import io.trendwatch.batch.TestSpark;
import io.trendwatch.core.post.Post;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

class MasterDatasetTest {

    private static final StructType ROWS = PostRows.SCHEMA.add("arrival", DataTypes.LongType, false);
    private static final Instant T0 = Instant.parse("2016-03-01T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void keepsTheFirstArrivedCopyOfAPostWhateverOrderItIsReadInAndNeverReplacesAStoredOne() throws Exception {
        SparkSession spark = TestSpark.session();
        MasterDataset master = new MasterDataset(dir.resolve("master"));
        // one partition, the later copy read first: a copy sent again with another day and text
        List<Row> first = List.of(
                row("a", "#resent again", T0.plusSeconds(86_400), 7),
                row("b", "#other post", T0.plusSeconds(60), 5),
                row("a", "#resent original", T0, 3));
        assertThat(master.append(spark, frame(spark, first), col("arrival"))).isEqualTo(2);
        assertThat(stored(spark, master)).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "a", "#resent original " + T0 + " @3", "b", "#other post " + T0.plusSeconds(60) + " @5")));
        assertThat(master.dates()).containsExactly("2016-03-01");

        // an even earlier copy arriving later (another run) does not replace the stored one
        assertThat(master.append(spark, frame(spark, List.of(row("a", "#resent late", T0.minusSeconds(60), 1))),
                col("arrival"))).isZero();
        assertThat(stored(spark, master)).containsEntry("a", "#resent original " + T0 + " @3").hasSize(2);
    }

    private static Row row(String id, String text, Instant createdAt, long arrival) {
        Row post = PostRows.toRow(Post.ofText(id, "twitter", "u", text, "en", createdAt), "test@" + arrival);
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < post.size(); i++) {
            values.add(post.get(i));
        }
        values.add(arrival);
        return RowFactory.create(values.toArray());
    }

    private static Dataset<Row> frame(SparkSession spark, List<Row> rows) {
        return spark.createDataFrame(rows, ROWS).coalesce(1);
    }

    /** id to "text created_at @arrival" of every stored post. */
    private static Map<String, String> stored(SparkSession spark, MasterDataset master) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (Row r : master.read(spark, T0.minusSeconds(86_400), T0.plusSeconds(3 * 86_400)).collectAsList()) {
            Post p = PostRows.toPost(r);
            String source = r.getAs("source");
            out.put(p.id(), p.text() + " " + p.createdAt() + " @" + source.substring(source.indexOf('@') + 1));
        }
        return out;
    }
}
