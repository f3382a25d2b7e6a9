package io.trendwatch.batch.master;

import io.trendwatch.core.post.Post;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The master dataset's row: the post's wire fields, where it came from, and
 * the event date it is partitioned by. Only accepted posts are stored.
 */
public final class PostRows {

    public static final StructType SCHEMA = new StructType(new StructField[]{
            DataTypes.createStructField("id", DataTypes.StringType, false),
            DataTypes.createStructField("platform", DataTypes.StringType, false),
            DataTypes.createStructField("author", DataTypes.StringType, false),
            DataTypes.createStructField("text", DataTypes.StringType, false),
            DataTypes.createStructField("language", DataTypes.StringType, false),
            DataTypes.createStructField("created_at", DataTypes.TimestampType, false),
            DataTypes.createStructField("hashtags", DataTypes.createArrayType(DataTypes.StringType, false), false),
            DataTypes.createStructField("mentions", DataTypes.createArrayType(DataTypes.StringType, false), false),
            DataTypes.createStructField("urls", DataTypes.createArrayType(DataTypes.StringType, false), false),
            // "kafka:posts/1@4711" or "file:semeval.tsv:12": enough to find the record again
            DataTypes.createStructField("source", DataTypes.StringType, false),
            DataTypes.createStructField("date", DataTypes.StringType, false)});

    private PostRows() {
    }

    public static String dateOf(Instant createdAt) {
        return LocalDate.ofInstant(createdAt, ZoneOffset.UTC).toString();
    }

    public static Row toRow(Post p, String source) {
        return RowFactory.create(p.id(), p.platform(), p.author(), p.text(), p.language(), Timestamp.from(p.createdAt()),
                seq(p.hashtags()), seq(p.mentions()), seq(p.urls()), source, dateOf(p.createdAt()));
    }

    public static Post toPost(Row r) {
        return new Post(r.getAs("id"), r.getAs("platform"), r.getAs("author"), r.getAs("text"), r.getAs("language"),
                ((Timestamp) r.getAs("created_at")).toInstant(), r.getList(r.fieldIndex("hashtags")),
                r.getList(r.fieldIndex("mentions")), r.getList(r.fieldIndex("urls")));
    }

    // Spark's row encoder takes Scala sequences for arrays
    private static scala.collection.immutable.Seq<String> seq(List<String> values) {
        return scala.jdk.javaapi.CollectionConverters.asScala(values).toList();
    }
}
