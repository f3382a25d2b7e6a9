package io.trendwatch.batch.views;

import io.trendwatch.batch.TestSpark;
import io.trendwatch.batch.master.PostRows;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.sentiment.Sentiment;
import io.trendwatch.core.source.SemEvalTweet;
import io.trendwatch.core.testing.SharedData;
import io.trendwatch.core.text.PostTerms;
import io.trendwatch.core.text.Term;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.model.sentiment.FeatureSpec;
import io.trendwatch.model.sentiment.LabelledCorpus;
import io.trendwatch.model.sentiment.ModelSentimentScorer;
import io.trendwatch.model.sentiment.SentimentModel;
import io.trendwatch.model.sentiment.SentimentTrainer;
import io.trendwatch.model.sentiment.TrainingParams;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batch layer's counting job labels posts inside Spark tasks with the
 * scorer the layers ship (the model loaded once per executor JVM); the
 * sentiment split it counts equals labelling the same posts outside Spark.
 */
class SentimentInSparkIT {

    /** Removed once the tests pass; kept for a look when one fails. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tmp;

    @Test
    void scoringInsideASparkJobEqualsScoringOutsideIt() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("sentiment")).resolve("v-test");
        new SentimentTrainer(new TrainingParams(new FeatureSpec(1 << 14, true, 3, 5, 256), 8, 1, 256, 0.005f, true, 3),
                line -> { }).train(LabelledCorpus.read(SharedData.subtaskA()).split(10, 10), "v-test", dir);

        List<Post> posts = new ArrayList<>();
        for (String line : Files.readAllLines(SharedData.subtaskA().resolve("twitter-2016dev-A.tsv"))) {
            if (!line.isBlank()) {
                posts.add(SemEvalTweet.parse(line).toPost());
            }
        }
        // outside Spark: the model itself, then the counting rule of the views (distinct posts per hour and term)
        List<Sentiment> labels;
        try (SentimentModel model = SentimentModel.load(dir)) {
            labels = model.folded().label(posts.stream().map(Post::text).toList());
        }
        Map<String, long[]> expected = new HashMap<>();
        for (int i = 0; i < posts.size(); i++) {
            Post p = posts.get(i);
            long hour = Granularity.HOUR.bucketStartMillis(p.createdAt().toEpochMilli());
            List<String> terms = new ArrayList<>(PostTerms.of(p).stream().map(Term::text).toList());
            terms.add(PostTerms.TOTAL);
            for (String term : terms) {
                long[] c = expected.computeIfAbsent(hour + "|" + term, k -> new long[5]);
                c[0]++;
                c[1 + labels.get(i).ordinal()]++;
            }
        }

        // inside Spark: the batch job's counting over two partitions, with the shipped scorer
        SparkSession spark = TestSpark.session();
        List<Row> rows = posts.stream().map(p -> PostRows.toRow(p, "test")).toList();
        Dataset<Row> frame = spark.createDataFrame(rows, PostRows.SCHEMA).repartition(2);
        Instant boundary = Instant.parse("2020-01-01T00:00:00Z");
        RecomputePlan plan = new RecomputePlan(boundary, Instant.parse("2011-01-01T00:00:00Z"), boundary, boundary,
                Instant.parse("2011-01-01T00:00:00Z"), true);
        List<Row> counted = TermCounting.bucketCounts(frame, plan, new ModelSentimentScorer("v-test", dir)).collectAsList();

        Map<String, long[]> actual = new HashMap<>();
        for (Row r : counted) {
            assertThat(r.<String>getAs("step")).isEqualTo("hour");
            actual.put(r.getTimestamp(0).getTime() + "|" + r.<String>getAs("term"), new long[] {r.getAs("posts"),
                    r.getAs("positive"), r.getAs("neutral"), r.getAs("negative"), r.getAs("unscored")});
        }
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((k, v) -> assertThat(actual.get(k)).as(k).isEqualTo(v));
        long[] all = expected.entrySet().stream().filter(e -> e.getKey().endsWith("|" + PostTerms.TOTAL))
                .map(Map.Entry::getValue).reduce(new long[5], (a, b) -> {
                    long[] s = a.clone();
                    for (int i = 0; i < 5; i++) {
                        s[i] += b[i];
                    }
                    return s;
                });
        assertThat(all[0]).isEqualTo(posts.size());
        assertThat(all[1]).isPositive();
        assertThat(all[2]).isPositive();
        assertThat(all[3]).isPositive();
        assertThat(all[4]).isZero();
    }
}
