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
        return RowFactory.create(values(p, source, SCHEMA.size()));
    }

    /**
     * The values of {@code p}'s master row in {@link #SCHEMA}'s order, in an array of {@code width} slots: a wider
     * row (the master's columns first, then the caller's) fills the rest.
     */
    public static Object[] values(Post p, String source, int width) {
        Object[] values = new Object[width];
        values[0] = p.id();
        values[1] = p.platform();
        values[2] = p.author();
        values[3] = p.text();
        values[4] = p.language();
        values[5] = Timestamp.from(p.createdAt());
        values[6] = seq(p.hashtags());
        values[7] = seq(p.mentions());
        values[8] = seq(p.urls());
        values[9] = source;
        values[10] = dateOf(p.createdAt());
        return values;
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
