package io.trendwatch.speed.pipeline;

import io.trendwatch.core.post.EventTimeGuard;
import io.trendwatch.core.post.ParseResult;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.post.PostCodec;
import io.trendwatch.core.sentiment.ByChunk;
import io.trendwatch.core.sentiment.Sentiment;
import io.trendwatch.core.sentiment.SentimentScorer;
import io.trendwatch.core.text.PostTerms;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.core.view.ExamplePosts;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The examples query's side of parsing: of the Kafka records of a partition, the accepted posts that are eligible
 * examples ({@link ExamplePosts}, one in {@value ExamplePosts#ONE_IN}), labelled a chunk at a time, each as a
 * candidate example of every term it names in its minute. Only those posts are tokenized and labelled; which
 * candidate becomes a minute's example is decided where they are written ({@code ExampleWriter}), so nothing about
 * examples is kept in the views query's state.
 */
public final class ExampleCandidates implements MapPartitionsFunction<Row, Row> {
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

    private final SentimentScorer sentiment;
    private final EventTimeGuard guard;

    /** Reads rows of the Kafka record's {@code value} and {@code timestamp} (its arrival). */
    public ExampleCandidates(SentimentScorer sentiment, EventTimeGuard guard) {
        this.sentiment = sentiment;
        this.guard = guard;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        PostCodec codec = new PostCodec();
        return ByChunk.of(input, records -> candidates(codec, records));
    }

    private List<Row> candidates(PostCodec codec, Iterator<Row> input) {
        List<Post> posts = new ArrayList<>();
        // a labelling chunk of eligible posts: about ONE_IN times as many records are read for it
        while (posts.size() < SentimentScorer.CHUNK && input.hasNext()) {
            Row record = input.next();
            ParseResult parsed = codec.parse((byte[]) record.getAs("value"));
            if (guard.check(parsed, ((Timestamp) record.getAs("timestamp")).toInstant()) instanceof ParseResult.Accepted a
                    && ExamplePosts.eligible(ExamplePosts.rank(a.post().id()))) {
                posts.add(a.post());
            }
        }
        if (posts.isEmpty()) {
            return List.of();
        }
        List<Sentiment> labels = sentiment.label(posts.stream().map(Post::text).toList());
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < posts.size(); i++) {
            Post post = posts.get(i);
            Timestamp minute = Timestamp.from(Granularity.MINUTE.bucketStart(post.createdAt()));
            Timestamp created = Timestamp.from(post.createdAt());
            long rank = ExamplePosts.rank(post.id());
            for (PostTerms.Counted t : PostTerms.counted(post)) {
                if (!PostTerms.TOTAL.equals(t.term())) {
                    out.add(RowFactory.create(minute, t.term(), rank, post.id(), created, post.text(), labels.get(i).label()));
                }
            }
        }
        return out;
    }

    /** The example a row of {@link #SCHEMA} holds. */
    public static ExamplePosts.Example example(Row row) {
        return new ExamplePosts.Example(row.getLong(2), row.getString(3), ((Timestamp) row.get(4)).toInstant(),
                row.getString(5), row.getString(6));
    }
}
