package io.trendwatch.speed.pipeline;

import io.trendwatch.core.post.ParseResult;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.post.PostCodec;
import io.trendwatch.core.sentiment.Sentiment;
import io.trendwatch.core.sentiment.SentimentScorer;
import io.trendwatch.core.text.PostTerms;
import io.trendwatch.core.text.Term;
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
 * time. Every record comes out: accepted ones with their distinct terms (plus
 * the {@value #PostTerms.TOTAL} pseudo-term that yields the bucket totals), rejected ones
 * with the reason and their original bytes and offset for the dead-letter topic.
 */
public final class PostParser implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private static final int CHUNK = 512;

    public static final StructType TERM = new StructType(new StructField[]{
            DataTypes.createStructField("term", DataTypes.StringType, false),
            DataTypes.createStructField("kind", DataTypes.StringType, false)});

    public static final StructType SCHEMA = new StructType(new StructField[]{
            DataTypes.createStructField("ok", DataTypes.BooleanType, false),
            DataTypes.createStructField("id", DataTypes.StringType, true),
            DataTypes.createStructField("event_time", DataTypes.TimestampType, true),
            DataTypes.createStructField("sentiment", DataTypes.StringType, true),
            DataTypes.createStructField("terms", DataTypes.createArrayType(TERM, false), true),
            DataTypes.createStructField("reason", DataTypes.StringType, true),
            DataTypes.createStructField("detail", DataTypes.StringType, true),
            DataTypes.createStructField("key", DataTypes.BinaryType, true),
            DataTypes.createStructField("value", DataTypes.BinaryType, true),
            DataTypes.createStructField("topic", DataTypes.StringType, true),
            DataTypes.createStructField("partition", DataTypes.IntegerType, true),
            DataTypes.createStructField("offset", DataTypes.LongType, true)});

    private final SentimentScorer sentiment;

    public PostParser(SentimentScorer sentiment) {
        this.sentiment = sentiment;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        PostCodec codec = new PostCodec();
        return new Iterator<>() {
            private Iterator<Row> chunk = List.<Row>of().iterator();

            @Override
            public boolean hasNext() {
                while (!chunk.hasNext() && input.hasNext()) {
                    chunk = parseChunk(codec, input).iterator();
                }
                return chunk.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return chunk.next();
            }
        };
    }

    private List<Row> parseChunk(PostCodec codec, Iterator<Row> input) {
        List<Row> sources = new ArrayList<>(CHUNK);
        List<ParseResult> results = new ArrayList<>(CHUNK);
        List<String> texts = new ArrayList<>();
        while (sources.size() < CHUNK && input.hasNext()) {
            Row r = input.next();
            ParseResult result = codec.parse((byte[]) r.getAs("value"));
            sources.add(r);
            results.add(result);
            if (result instanceof ParseResult.Accepted a) {
                texts.add(a.post().text());
            }
        }
        List<Sentiment> labels = texts.isEmpty() ? List.of() : sentiment.label(texts);
        List<Row> out = new ArrayList<>(sources.size());
        int next = 0;
        for (int i = 0; i < sources.size(); i++) {
            Row src = sources.get(i);
            ParseResult result = results.get(i);
            if (result instanceof ParseResult.Accepted a) {
                out.add(accepted(a.post(), labels.get(next++)));
            } else {
                ParseResult.Rejected rej = (ParseResult.Rejected) result;
                out.add(RowFactory.create(false, null, null, null, null, rej.reason().name(), rej.detail(),
                        src.getAs("key"), src.getAs("value"), src.getAs("topic"), src.getAs("partition"), src.getAs("offset")));
            }
        }
        return out;
    }

    private static Row accepted(Post post, Sentiment label) {
        List<Row> terms = new ArrayList<>();
        for (Term t : PostTerms.of(post)) {
            terms.add(RowFactory.create(t.text(), t.kind().label()));
        }
        terms.add(RowFactory.create(PostTerms.TOTAL, PostTerms.TOTAL_KIND));
        // Spark's row encoder takes Scala sequences for arrays
        return RowFactory.create(true, post.id(), Timestamp.from(post.createdAt()), label.label(),
                scala.jdk.javaapi.CollectionConverters.asScala(terms).toSeq(),
                null, null, null, null, null, null, null);
    }
}
