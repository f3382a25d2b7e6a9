package io.trendwatch.batch.views;

import io.trendwatch.batch.master.PostRows;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.sentiment.ByChunk;
import io.trendwatch.core.sentiment.Sentiment;
import io.trendwatch.core.sentiment.SentimentScorer;
import io.trendwatch.core.text.PostTerms;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.core.view.ExamplePosts;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;

/**
 * Each term's example post of each minute, by the rule of {@link ExamplePosts} (the speed layer keeps the same for
 * the minutes after the boundary): only eligible posts are labelled and tokenized, and of a (minute, term) the post of
 * the smallest (rank, id) is kept: in each partition by {@link ExamplePosts#ORDER}, across partitions by Spark's
 * {@code min} over the {@link #EXAMPLE} struct, whose first fields order it the same way.
 */
public final class TermExamples {

    /** The fields in the order of {@link ExamplePosts#ORDER}: rank, then id. */
    static final StructType EXAMPLE = new StructType()
            .add("rank", DataTypes.LongType, false)
            .add("id", DataTypes.StringType, false)
            .add("created_at", DataTypes.TimestampType, false)
            .add("text", DataTypes.StringType, false)
            .add("sentiment", DataTypes.StringType, false);

    static final StructType ROW = new StructType()
            .add("minute", DataTypes.TimestampType, false)
            .add("term", DataTypes.StringType, false)
            .add("example", EXAMPLE, false);

    private TermExamples() {
    }

    /** Columns minute, term and example (rank, id, created_at, text, sentiment) for the posts of [from, to). */
    public static Dataset<Row> minuteExamples(Dataset<Row> posts, Instant from, Instant to, SentimentScorer sentiment) {
        return posts.filter(col("created_at").geq(Timestamp.from(from)).and(col("created_at").lt(Timestamp.from(to))))
                .select("id", "platform", "author", "text", "language", "created_at", "hashtags", "mentions", "urls")
                .mapPartitions(new EligiblePosts(sentiment), Encoders.row(ROW))
                .groupBy("minute", "term")
                .agg(min(col("example")).as("example"));
    }

    /**
     * The eligible posts of a partition, labelled a chunk at a time, reduced in a hash map to the example of each
     * (minute, term) by {@link ExamplePosts#ORDER} before anything reaches Spark (the map is flushed when it grows
     * large); Spark's {@code min} then only merges the partitions' examples.
     */
    static final class EligiblePosts implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private static final int MAX_KEYS = 500_000;
        private final SentimentScorer sentiment;

        EligiblePosts(SentimentScorer sentiment) {
            this.sentiment = sentiment;
        }

        private record Key(long minute, String term) {
        }

        @Override
        public Iterator<Row> call(Iterator<Row> input) {
            return ByChunk.of(input, this::reduceUntilFull);
        }

        private List<Row> reduceUntilFull(Iterator<Row> input) {
            Map<Key, ExamplePosts.Example> best = new HashMap<>();
            List<Post> eligible = new ArrayList<>(SentimentScorer.CHUNK);
            while (input.hasNext() && best.size() < MAX_KEYS) {
                eligible.clear();
                while (eligible.size() < SentimentScorer.CHUNK && input.hasNext()) {
                    Row r = input.next();
                    if (ExamplePosts.eligible(ExamplePosts.rank(r.getAs("id")))) {
                        eligible.add(PostRows.toPost(r));
                    }
                }
                if (eligible.isEmpty()) {
                    continue;
                }
                List<Sentiment> labels = sentiment.label(eligible.stream().map(Post::text).toList());
                for (int i = 0; i < eligible.size(); i++) {
                    Post p = eligible.get(i);
                    long minute = Granularity.MINUTE.bucketStartMillis(p.createdAt().toEpochMilli());
                    ExamplePosts.Example e = new ExamplePosts.Example(ExamplePosts.rank(p.id()), p.id(), p.createdAt(),
                            p.text(), labels.get(i).label());
                    for (PostTerms.Counted t : PostTerms.counted(p)) {
                        if (!PostTerms.TOTAL.equals(t.term())) {
                            best.merge(new Key(minute, t.term()), e, (a, b) -> ExamplePosts.ORDER.compare(a, b) <= 0 ? a : b);
                        }
                    }
                }
            }
            List<Row> out = new ArrayList<>(best.size());
            best.forEach((k, e) -> out.add(RowFactory.create(new Timestamp(k.minute()), k.term(), RowFactory.create(e.rank(),
                    e.id(), Timestamp.from(e.createdAt()), e.text(), e.sentiment()))));
            return out;
        }
    }
}
