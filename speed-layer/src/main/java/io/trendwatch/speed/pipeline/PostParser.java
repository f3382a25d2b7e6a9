package io.trendwatch.speed.pipeline;

import io.trendwatch.core.post.EventTimeGuard;
import io.trendwatch.core.post.ParseResult;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.post.PostCodec;
import io.trendwatch.core.sentiment.ByChunk;
import io.trendwatch.core.sentiment.Sentiment;
import io.trendwatch.core.sentiment.SentimentScorer;
import io.trendwatch.core.text.PostTerms;
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
 * Parses the Kafka records of a partition with the shared codec and
 * tokenizer, and labels accepted posts with the sentiment model a chunk at a
 * time. Accepted posts come out with what they add to the views
 * ({@link PostTerms#counted}: their distinct terms and the total); rejected
 * records are the dead-letter query's ({@link RejectedRecords}), example
 * posts the examples query's ({@link ExampleCandidates}).
 */
public final class PostParser implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    public static final StructType TERM = new StructType(new StructField[]{
            DataTypes.createStructField("term", DataTypes.StringType, false),
            DataTypes.createStructField("kind", DataTypes.StringType, false)});

    public static final StructType SCHEMA = new StructType(new StructField[]{
            DataTypes.createStructField("id", DataTypes.StringType, false),
            DataTypes.createStructField("event_time", DataTypes.TimestampType, false),
            DataTypes.createStructField("sentiment", DataTypes.StringType, false),
            DataTypes.createStructField("terms", DataTypes.createArrayType(TERM, false), false)});

    private final SentimentScorer sentiment;
    private final EventTimeGuard guard;

    /** Reads rows of the Kafka record's {@code value} and {@code timestamp} (its arrival). */
    public PostParser(SentimentScorer sentiment, EventTimeGuard guard) {
        this.sentiment = sentiment;
        this.guard = guard;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        PostCodec codec = new PostCodec();
        return ByChunk.of(input, records -> parseChunk(codec, records));
    }

    private List<Row> parseChunk(PostCodec codec, Iterator<Row> input) {
        List<Post> posts = new ArrayList<>(SentimentScorer.CHUNK);
        List<String> texts = new ArrayList<>(SentimentScorer.CHUNK);
        for (int read = 0; read < SentimentScorer.CHUNK && input.hasNext(); read++) {
            Row record = input.next();
            ParseResult parsed = codec.parse((byte[]) record.getAs("value"));
            if (guard.check(parsed, ((Timestamp) record.getAs("timestamp")).toInstant()) instanceof ParseResult.Accepted a) {
                posts.add(a.post());
                texts.add(a.post().text());
            }
        }
        List<Sentiment> labels = texts.isEmpty() ? List.of() : sentiment.label(texts);
        List<Row> out = new ArrayList<>(posts.size());
        for (int i = 0; i < posts.size(); i++) {
            out.add(accepted(posts.get(i), labels.get(i)));
        }
        return out;
    }

    private static Row accepted(Post post, Sentiment label) {
        List<Row> terms = new ArrayList<>();
        for (PostTerms.Counted t : PostTerms.counted(post)) {
            terms.add(RowFactory.create(t.term(), t.kind()));
        }
        // Spark's row encoder takes Scala sequences for arrays
        return RowFactory.create(post.id(), Timestamp.from(post.createdAt()), label.label(),
                scala.jdk.javaapi.CollectionConverters.asScala(terms).toSeq());
    }
}
