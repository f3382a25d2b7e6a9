package io.trendwatch.speed.pipeline;

import io.trendwatch.core.post.EventTimeGuard;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.sentiment.Sentiment;
import io.trendwatch.core.sentiment.SentimentScorer;
import io.trendwatch.core.text.PostTerms;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.core.view.ExamplePosts;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * The examples query's posts: the accepted posts that are eligible examples ({@link ExamplePosts}, one in
 * {@value ExamplePosts#ONE_IN}), labelled ({@link LabelledPosts}), each as a candidate example of every term it names
 * in its minute. Only those posts are tokenized and labelled; which candidate becomes a minute's example is decided
 * where they are written ({@code ExampleWriter}), so nothing about examples is kept in the views query's state.
 */
public final class ExampleCandidates extends LabelledPosts {
    private static final long serialVersionUID = 1L;

    /** A candidate: the minute and term, then the example's fields in the order of {@link ExamplePosts#ORDER}. */
    public static final StructType SCHEMA = new StructType(new StructField[]{
            DataTypes.createStructField("minute", DataTypes.TimestampType, false),
            DataTypes.createStructField("term", DataTypes.StringType, false),
            DataTypes.createStructField("rank", DataTypes.LongType, false),
            DataTypes.createStructField("id", DataTypes.StringType, false),
            DataTypes.createStructField("created_at", DataTypes.TimestampType, false),
            DataTypes.createStructField("text", DataTypes.StringType, false),
            DataTypes.createStructField("sentiment", DataTypes.StringType, false)});

    private final Instant countFrom;

    /**
     * Reads rows of the Kafka record's {@code value} and {@code timestamp} (its arrival); posts dated before
     * {@code countFrom} are not candidates.
     */
    public ExampleCandidates(SentimentScorer sentiment, EventTimeGuard guard, Instant countFrom) {
        super(sentiment, guard);
        this.countFrom = countFrom;
    }

    @Override
    boolean wants(Post post) {
        // one post in ONE_IN: a labelling chunk of them is read from about ONE_IN times as many records
        return ExamplePosts.eligible(ExamplePosts.rank(post.id())) && !post.createdAt().isBefore(countFrom);
    }

    @Override
    void rows(Post post, Row record, Sentiment label, List<Row> out) {
        Timestamp minute = Timestamp.from(Granularity.MINUTE.bucketStart(post.createdAt()));
        Timestamp created = Timestamp.from(post.createdAt());
        long rank = ExamplePosts.rank(post.id());
        for (PostTerms.Counted t : PostTerms.counted(post)) {
            if (!PostTerms.TOTAL.equals(t.term())) {
                out.add(RowFactory.create(minute, t.term(), rank, post.id(), created, post.text(), label.label()));
            }
        }
    }

    /** The example a row of {@link #SCHEMA} holds. */
    public static ExamplePosts.Example example(Row row) {
        return new ExamplePosts.Example(row.getLong(2), row.getString(3), ((Timestamp) row.get(4)).toInstant(),
                row.getString(5), row.getString(6));
    }
}
