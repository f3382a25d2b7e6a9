package io.trendwatch.batch.views;

import io.trendwatch.batch.master.PostRows;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.sentiment.Sentiment;
import io.trendwatch.core.sentiment.SentimentScorer;
import io.trendwatch.core.text.PostTerms;
import io.trendwatch.core.text.Term;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.core.view.ViewPolicy;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Exact term counts from the master dataset, with the shared tokenizer and the
 * same counting rule as the speed layer: a term's count in a bucket is the
 * number of distinct posts of the bucket that contain it, with its sentiment
 * split. Posts are tokenized once into "fine" buckets: minutes inside the
 * minute window (views and minute baselines), hours before it. Hours are the sum of their minutes (a
 * post lies in one minute and names each term once), days the sum of hours.
 */
public final class TermCounting {

    /** Pseudo-term every post carries once: its counts are the bucket totals. */
    public static final String TOTAL = "*";
    public static final String TOTAL_KIND = "total";

    static final StructType TERM_ROW = new StructType()
            .add("bucket", DataTypes.TimestampType, false)
            .add("fine", DataTypes.StringType, false)
            .add("term", DataTypes.StringType, false)
            .add("kind", DataTypes.StringType, false)
            .add("sentiment", DataTypes.StringType, false);

    private static final String[] LABELS = {"positive", "neutral", "negative", "unscored"};

    private TermCounting() {
    }

    /** Counts per (fine bucket, term): columns bucket, fine (minute|hour), term, kind, posts and the sentiment split. */
    public static Dataset<Row> fine(Dataset<Row> posts, RecomputePlan plan, SentimentScorer sentiment) {
        return posts.select("id", "platform", "author", "text", "language", "created_at", "hashtags", "mentions", "urls",
                        "source", "date")
                .mapPartitions(new Explode(plan.minuteCountsFrom().toEpochMilli(), sentiment), Encoders.row(TERM_ROW))
                .groupBy("bucket", "fine", "term", "kind")
                .agg(count(lit(1)).as("posts"), countOf(LABELS[0]), countOf(LABELS[1]), countOf(LABELS[2]), countOf(LABELS[3]));
    }

    /** Rolls counts up to the buckets of {@code step} (hour or day). */
    public static Dataset<Row> rollUp(Dataset<Row> counts, Granularity step) {
        return counts.groupBy(date_trunc(step.label(), col("bucket")).as("bucket"), col("term"), col("kind"))
                .agg(sum("posts").as("posts"), sum(LABELS[0]).as(LABELS[0]), sum(LABELS[1]).as(LABELS[1]),
                        sum(LABELS[2]).as(LABELS[2]), sum(LABELS[3]).as(LABELS[3]));
    }

    /** The rows of {@code step} that the views keep: complete buckets of the plan's range, words above the policy's minimum. */
    public static Dataset<Row> viewRows(Dataset<Row> counts, Granularity step, RecomputePlan plan, ViewPolicy policy) {
        long from = (step == Granularity.MINUTE ? plan.minuteFrom() : plan.viewsFrom()).toEpochMilli();
        long lastStart = plan.viewsTo().toEpochMilli() - step.millis();
        Column keep = not(col("kind").equalTo("word").and(col("posts").lt(policy.wordMinPosts(step))));
        return counts.filter(col("bucket").geq(new Timestamp(from)).and(col("bucket").leq(new Timestamp(lastStart))).and(keep))
                .select(lit(step.label()).as("step"), col("bucket"), col("term"), col("kind"), col("posts"),
                        col(LABELS[0]), col(LABELS[1]), col(LABELS[2]), col(LABELS[3]));
    }

    private static Column countOf(String label) {
        return sum(when(col("sentiment").equalTo(label), 1L).otherwise(0L)).as(label);
    }

    /** A partition of posts to one row per (post, term) and one total row per post, labelled a chunk at a time. */
    static final class Explode implements org.apache.spark.api.java.function.MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private static final int CHUNK = 512;

        private final long minuteFrom;
        private final SentimentScorer sentiment;

        Explode(long minuteFrom, SentimentScorer sentiment) {
            this.minuteFrom = minuteFrom;
            this.sentiment = sentiment;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> input) {
            FlatMapFunction<List<Post>, Row> chunkRows = this::rows;
            return new Iterator<>() {
                private Iterator<Row> current = List.<Row>of().iterator();

                @Override
                public boolean hasNext() {
                    while (!current.hasNext() && input.hasNext()) {
                        List<Post> chunk = new ArrayList<>(CHUNK);
                        while (chunk.size() < CHUNK && input.hasNext()) {
                            chunk.add(PostRows.toPost(input.next()));
                        }
                        try {
                            current = chunkRows.call(chunk);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    return current.hasNext();
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new java.util.NoSuchElementException();
                    }
                    return current.next();
                }
            };
        }

        private Iterator<Row> rows(List<Post> posts) {
            List<Sentiment> labels = sentiment.label(posts.stream().map(Post::text).toList());
            List<Row> out = new ArrayList<>(posts.size() * 8);
            for (int i = 0; i < posts.size(); i++) {
                Post p = posts.get(i);
                long t = p.createdAt().toEpochMilli();
                Granularity fine = t >= minuteFrom ? Granularity.MINUTE : Granularity.HOUR;
                Timestamp bucket = new Timestamp(fine.bucketStartMillis(t));
                String label = labels.get(i).label();
                for (Term term : PostTerms.of(p)) {
                    out.add(RowFactory.create(bucket, fine.label(), term.text(), term.kind().label(), label));
                }
                out.add(RowFactory.create(bucket, fine.label(), TOTAL, TOTAL_KIND, label));
            }
            return out.iterator();
        }
    }
}
