package io.trendwatch.batch.views;

import io.trendwatch.batch.master.PostRows;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.sentiment.ByChunk;
import io.trendwatch.core.sentiment.Sentiment;
import io.trendwatch.core.sentiment.SentimentScorer;
import io.trendwatch.core.text.PostTerms;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.core.view.ViewPolicy;
import org.apache.spark.api.java.function.MapPartitionsFunction;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

/**
 * Exact term counts from the master dataset, with the shared tokenizer and the
 * same counting rule as the speed layer: a term's count in a bucket is the
 * number of distinct posts of the bucket that contain it, with its sentiment
 * split. Posts are tokenized once into the finest bucket their time is kept at
 * (column {@code step}): minutes inside the minute window (views and minute
 * baselines), hours before it. Hours are the sum of their minutes (a
 * post lies in one minute and names each term once), days the sum of hours.
 */
public final class TermCounting {


    static final StructType PARTIAL_ROW = new StructType()
            .add("bucket", DataTypes.TimestampType, false)
            .add("step", DataTypes.StringType, false)
            .add("term", DataTypes.StringType, false)
            .add("kind", DataTypes.StringType, false)
            .add("posts", DataTypes.LongType, false)
            .add("positive", DataTypes.LongType, false)
            .add("neutral", DataTypes.LongType, false)
            .add("negative", DataTypes.LongType, false)
            .add("unscored", DataTypes.LongType, false);

    private static final String[] LABELS = {"positive", "neutral", "negative", "unscored"};

    private TermCounting() {
    }

    /** Counts per (finest bucket, term): columns bucket, step (minute|hour), term, kind, posts and the sentiment split. */
    public static Dataset<Row> bucketCounts(Dataset<Row> posts, RecomputePlan plan, SentimentScorer sentiment) {
        return posts.select("id", "platform", "author", "text", "language", "created_at", "hashtags", "mentions", "urls",
                        "source", "date")
                .mapPartitions(new CountPartition(plan.minuteCountsFrom().toEpochMilli(), sentiment), Encoders.row(PARTIAL_ROW))
                .groupBy("bucket", "step", "term", "kind")
                .agg(sum("posts").as("posts"), sum(LABELS[0]).as(LABELS[0]), sum(LABELS[1]).as(LABELS[1]),
                        sum(LABELS[2]).as(LABELS[2]), sum(LABELS[3]).as(LABELS[3]));
    }

    /** Rolls counts up to the buckets of {@code step} (hour or day). */
    public static Dataset<Row> rollUp(Dataset<Row> counts, Granularity step) {
        return counts.groupBy(date_trunc(step.label(), col("bucket")).as("bucket"), col("term"), col("kind"))
                .agg(sum("posts").as("posts"), sum(LABELS[0]).as(LABELS[0]), sum(LABELS[1]).as(LABELS[1]),
                        sum(LABELS[2]).as(LABELS[2]), sum(LABELS[3]).as(LABELS[3]));
    }

    /** The minute rows of {@link #bucketCounts}, without the {@code step} column. */
    public static Dataset<Row> minutes(Dataset<Row> bucketCounts) {
        return bucketCounts.filter(col("step").equalTo(Granularity.MINUTE.label())).drop("step");
    }

    /** Every row the count views keep, all steps: columns step, bucket, term, kind, posts and the sentiment split. */
    public static Dataset<Row> viewRows(Dataset<Row> minutes, Dataset<Row> hourly, Dataset<Row> daily, RecomputePlan plan,
                                        ViewPolicy policy) {
        return viewRows(minutes, Granularity.MINUTE, plan, policy)
                .union(viewRows(hourly, Granularity.HOUR, plan, policy))
                .union(viewRows(daily, Granularity.DAY, plan, policy));
    }

    /** The rows of {@code step} that the views keep: complete buckets of the plan's range, words above the policy's minimum. */
    public static Dataset<Row> viewRows(Dataset<Row> counts, Granularity step, RecomputePlan plan, ViewPolicy policy) {
        long from = (step == Granularity.MINUTE ? plan.minuteFrom() : plan.viewsFrom()).toEpochMilli();
        long lastStart = plan.viewsTo().toEpochMilli() - step.millis();
        Column keep = KeptCounts.at(policy, step);
        return counts.filter(col("bucket").geq(new Timestamp(from)).and(col("bucket").leq(new Timestamp(lastStart))).and(keep))
                .select(lit(step.label()).as("step"), col("bucket"), col("term"), col("kind"), col("posts"),
                        col(LABELS[0]), col(LABELS[1]), col(LABELS[2]), col(LABELS[3]));
    }

    /**
     * Tokenizes a partition of posts (labelled a chunk at a time) and counts
     * them per (fine bucket, term) in a hash map before anything reaches
     * Spark: a post names a dozen terms, and turning each into a Spark row
     * cost most of the job's time. The map is flushed when it grows large.
     */
    static final class CountPartition implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private static final int MAX_KEYS = 1_000_000;

        private final long minuteFrom;
        private final SentimentScorer sentiment;

        CountPartition(long minuteFrom, SentimentScorer sentiment) {
            this.minuteFrom = minuteFrom;
            this.sentiment = sentiment;
        }

        private record Key(long bucket, String term) {
        }

        /** The term's kind, and its posts followed by the counts per {@link Sentiment}, in declaration order. */
        private static final class Tally {
            final String kind;
            final long[] counts = new long[1 + Sentiment.values().length];

            Tally(String kind) {
                this.kind = kind;
            }
        }

        @Override
        public Iterator<Row> call(Iterator<Row> input) {
            return ByChunk.of(input, this::countUntilFull);
        }

        private List<Row> countUntilFull(Iterator<Row> input) {
            Map<Key, Tally> tallies = new HashMap<>();
            List<Post> chunk = new ArrayList<>(SentimentScorer.CHUNK);
            while (input.hasNext() && tallies.size() < MAX_KEYS) {
                chunk.clear();
                while (chunk.size() < SentimentScorer.CHUNK && input.hasNext()) {
                    chunk.add(PostRows.toPost(input.next()));
                }
                List<Sentiment> labels = sentiment.label(chunk.stream().map(Post::text).toList());
                for (int i = 0; i < chunk.size(); i++) {
                    Post p = chunk.get(i);
                    long t = p.createdAt().toEpochMilli();
                    long bucket = (t >= minuteFrom ? Granularity.MINUTE : Granularity.HOUR).bucketStartMillis(t);
                    int label = 1 + labels.get(i).ordinal();
                    for (PostTerms.Counted term : PostTerms.counted(p)) {
                        add(tallies, bucket, term.term(), term.kind(), label);
                    }
                }
            }
            List<Row> out = new ArrayList<>(tallies.size());
            tallies.forEach((k, v) -> out.add(RowFactory.create(new Timestamp(k.bucket()),
                    (k.bucket() >= minuteFrom ? Granularity.MINUTE : Granularity.HOUR).label(), k.term(), v.kind,
                    v.counts[0], v.counts[1], v.counts[2], v.counts[3], v.counts[4])));
            return out;
        }

        private static void add(Map<Key, Tally> tallies, long bucket, String term, String kind, int label) {
            Tally t = tallies.computeIfAbsent(new Key(bucket, term), k -> new Tally(kind));
            t.counts[0]++;
            t.counts[label]++;
        }
    }
}
