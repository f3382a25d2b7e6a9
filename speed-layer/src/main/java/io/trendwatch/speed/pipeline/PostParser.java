package io.trendwatch.speed.pipeline;

import io.trendwatch.core.post.EventTimeGuard;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.sentiment.Sentiment;
import io.trendwatch.core.sentiment.SentimentScorer;
import io.trendwatch.core.text.PostTerms;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The views query's posts: every accepted post, one row each. A post dated from {@code countFrom} on is labelled
 * ({@link LabelledPosts}) and carries what it adds to the views ({@link PostTerms#counted}: its distinct terms and
 * the total). A post dated before it is only counted in the query's metric and dropped (the batch layer's views hold
 * it): its row has no terms, so it adds nothing even where it is not dropped, and it is neither tokenized nor
 * labelled.
 */
public final class PostParser extends LabelledPosts {
    private static final long serialVersionUID = 1L;

    public static final StructType TERM = new StructType(new StructField[]{
            DataTypes.createStructField("term", DataTypes.StringType, false),
            DataTypes.createStructField("kind", DataTypes.StringType, false)});

    public static final StructType SCHEMA = new StructType(new StructField[]{
            DataTypes.createStructField("id", DataTypes.StringType, false),
            DataTypes.createStructField("event_time", DataTypes.TimestampType, false),
            DataTypes.createStructField("sentiment", DataTypes.StringType, false),
            DataTypes.createStructField("terms", DataTypes.createArrayType(TERM, false), false),
            // where the record was read: of two copies of a post, the lower offset is the first (FirstOfEachPost)
            DataTypes.createStructField("partition", DataTypes.IntegerType, false),
            DataTypes.createStructField("offset", DataTypes.LongType, false)});

    private static final scala.collection.immutable.Seq<Row> NO_TERMS = scala.collection.immutable.Seq$.MODULE$.empty();

    private final Instant countFrom;

    /** Reads rows of the Kafka record's {@code value}, {@code timestamp} (its arrival), {@code partition} and {@code offset}. */
    public PostParser(SentimentScorer sentiment, EventTimeGuard guard, Instant countFrom) {
        super(sentiment, guard);
        this.countFrom = countFrom;
    }

    @Override
    boolean wants(Post post) {
        return !post.createdAt().isBefore(countFrom);
    }

    @Override
    void unwanted(Post post, Row record, List<Row> out) {
        out.add(RowFactory.create(post.id(), Timestamp.from(post.createdAt()), Sentiment.UNSCORED.label(), NO_TERMS,
                record.getAs("partition"), record.getAs("offset")));
    }

    @Override
    void rows(Post post, Row record, Sentiment label, List<Row> out) {
        List<Row> terms = new ArrayList<>();
        for (PostTerms.Counted t : PostTerms.counted(post)) {
            terms.add(RowFactory.create(t.term(), t.kind()));
        }
        // Spark's row encoder takes Scala sequences for arrays
        out.add(RowFactory.create(post.id(), Timestamp.from(post.createdAt()), label.label(),
                scala.jdk.javaapi.CollectionConverters.asScala(terms).toSeq(), record.getAs("partition"), record.getAs("offset")));
    }
}
