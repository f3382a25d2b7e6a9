package io.trendwatch.speed.pipeline;

import io.trendwatch.core.post.EventTimeGuard;
import io.trendwatch.core.post.ParseResult;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.post.PostCodec;
import io.trendwatch.core.sentiment.ByChunk;
import io.trendwatch.core.sentiment.Sentiment;
import io.trendwatch.core.sentiment.SentimentScorer;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Parses the Kafka records of a partition with the shared codec and event-time guard, keeps the accepted posts a
 * query wants, labels them with the sentiment model a chunk of {@link SentimentScorer#CHUNK} kept posts at a time and
 * turns each into the query's rows; an accepted post the query does not want is neither tokenized nor labelled, and
 * gives the rows of {@link #unwanted}, if any. Rejected records are the dead-letter query's ({@link RejectedRecords}).
 */
abstract class LabelledPosts implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final SentimentScorer sentiment;
    private final EventTimeGuard guard;

    /** Reads rows of the Kafka record's {@code value} and {@code timestamp} (its arrival). */
    LabelledPosts(SentimentScorer sentiment, EventTimeGuard guard) {
        this.sentiment = sentiment;
        this.guard = guard;
    }

    /** Whether the query wants this accepted post labelled and turned into rows. */
    abstract boolean wants(Post post);

    /** Adds the rows of a wanted post, read from {@code record}, with its label to {@code out}. */
    abstract void rows(Post post, Row record, Sentiment label, List<Row> out);

    /** Adds the rows of an accepted post the query does not want to {@code out}: none unless a query says so. */
    void unwanted(Post post, Row record, List<Row> out) {
    }

    @Override
    public final Iterator<Row> call(Iterator<Row> input) {
        PostCodec codec = new PostCodec();
        return ByChunk.of(input, records -> chunk(codec, records));
    }

    private List<Row> chunk(PostCodec codec, Iterator<Row> input) {
        List<Post> posts = new ArrayList<>(SentimentScorer.CHUNK);
        List<Row> records = new ArrayList<>(SentimentScorer.CHUNK);
        List<Row> out = new ArrayList<>();
        // the unwanted posts' rows count against the chunk too, so a partition of them is not held whole either
        while (posts.size() + out.size() < SentimentScorer.CHUNK && input.hasNext()) {
            Row record = input.next();
            ParseResult parsed = codec.parse((byte[]) record.getAs("value"));
            if (guard.check(parsed, ((Timestamp) record.getAs("timestamp")).toInstant()) instanceof ParseResult.Accepted a) {
                if (wants(a.post())) {
                    posts.add(a.post());
                    records.add(record);
                } else {
                    unwanted(a.post(), record, out);
                }
            }
        }
        if (posts.isEmpty()) {
            return out;
        }
        List<Sentiment> labels = sentiment.label(posts.stream().map(Post::text).toList());
        for (int i = 0; i < posts.size(); i++) {
            rows(posts.get(i), records.get(i), labels.get(i), out);
        }
        return out;
    }
}
