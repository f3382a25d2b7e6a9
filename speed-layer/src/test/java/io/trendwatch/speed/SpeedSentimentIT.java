package io.trendwatch.speed;

import com.datastax.oss.driver.api.core.cql.Row;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.text.PostTerms;
import io.trendwatch.core.sentiment.Sentiment;
import io.trendwatch.core.source.SemEvalTweet;
import io.trendwatch.core.testing.SharedData;
import io.trendwatch.core.text.Term;
import io.trendwatch.model.sentiment.FeatureSpec;
import io.trendwatch.model.sentiment.LabelledCorpus;
import io.trendwatch.model.sentiment.SentimentModel;
import io.trendwatch.model.sentiment.SentimentTrainer;
import io.trendwatch.model.sentiment.TrainingParams;
import io.trendwatch.speed.SpeedFixture.Run;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.SchemaMigrator;
import io.trendwatch.store.models.ModelRecord;
import io.trendwatch.store.models.ModelRegistry;
import io.trendwatch.store.views.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.trendwatch.speed.SpeedFixture.await;
import static io.trendwatch.speed.SpeedFixture.publish;
import static io.trendwatch.speed.SpeedFixture.totalPosts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The speed layer with a real sentiment model promoted, as users run it: the
 * positive / neutral / negative split of every (minute, term) row and every
 * minute total equals labelling the same posts outside Spark with the same
 * model and counting them by the views' rule.
 */
class SpeedSentimentIT {

    @RegisterExtension
    static final SuiteCassandra CASSANDRA = new SuiteCassandra();
    private static final String VERSION = "v-speed-it";

    @Test
    void everyRowsSentimentSplitIsTheModelsLabelsOfItsPosts(@TempDir Path dir) throws Exception {
        Run run = Run.named("sent");
        Path artifact = dir.resolve("models").resolve(VERSION);
        // a small model (a few seconds to train): what matters here is that the layer labels with it, not how well
        new SentimentTrainer(new TrainingParams(new FeatureSpec(1 << 14, true, 3, 5, 256), 8, 1, 256, 0.005f, true, 3),
                line -> { }).train(LabelledCorpus.read(SharedData.subtaskA()).split(10, 10), VERSION, artifact);
        CassandraSettings keyspace = CassandraSettings.fromEnvironment().withKeyspace(run.keyspace());
        new SchemaMigrator(CASSANDRA.session(), keyspace).migrate();
        ModelRegistry registry = new ModelRegistry(CASSANDRA.session(), run.keyspace());
        Instant now = Instant.now();
        registry.register(new ModelRecord("sentiment", VERSION, now, now, now, Map.of(), Map.of("avg_recall", 0.5),
                artifact.toAbsolutePath().toString(), "trained"));
        registry.promote("sentiment", VERSION, "avg_recall", true);

        List<Post> posts = new ArrayList<>();
        for (String line : Files.readAllLines(SharedData.subtaskA().resolve("twitter-2016dev-A.tsv"))) {
            if (!line.isBlank()) {
                posts.add(SemEvalTweet.parse(line).toPost());
            }
        }
        posts.sort(Comparator.comparing(Post::createdAt));
        publish(SpeedFixture.BOOTSTRAP, run.topic(), posts);

        // outside Spark: the model itself, then the views' rule (each distinct post once per minute and term)
        List<Post> distinct = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        posts.stream().filter(p -> seen.add(p.id())).forEach(distinct::add);
        List<Sentiment> labels;
        try (SentimentModel model = SentimentModel.load(artifact)) {
            labels = model.folded().label(distinct.stream().map(Post::text).toList());
        }
        Map<String, List<Long>> expectedTerms = new HashMap<>();
        Map<Instant, List<Long>> expectedTotals = new HashMap<>();
        for (int i = 0; i < distinct.size(); i++) {
            Post p = distinct.get(i);
            long ms = p.createdAt().toEpochMilli();
            Instant minute = Instant.ofEpochMilli(ms - Math.floorMod(ms, 60_000L));
            add(expectedTotals.computeIfAbsent(minute, k -> zeros()), labels.get(i));
            for (Term t : PostTerms.of(p)) {
                add(expectedTerms.computeIfAbsent(minute + "|" + t.text(), k -> zeros()), labels.get(i));
            }
        }

        try (SpeedProcess speed = SpeedProcess.start(dir.resolve("speed.log"),
                run.args("--checkpoint-dir", dir.resolve("ck").toString(), "--max-offsets-per-trigger", "1000000"))) {
            await(Duration.ofSeconds(240), () -> totalPosts(CASSANDRA.session(), run.keyspace()) == distinct.size(), speed);
            Thread.sleep(3000);   // a batch still in flight must not add anything
            assertThat(speed.log()).contains("sentiment model in use: " + VERSION);

            Map<String, List<Long>> actualTerms = new HashMap<>();
            for (Row r : CASSANDRA.session().execute("SELECT term, step, bucket, posts, positive, neutral, negative, unscored FROM "
                    + Tables.SPEED_TERM_COUNTS.in(run.keyspace()))) {
                if ("minute".equals(r.getString("step"))) {
                    actualTerms.put(r.getInstant("bucket") + "|" + r.getString("term"), counts(r));
                }
            }
            Map<Instant, List<Long>> actualTotals = new HashMap<>();
            for (Row r : CASSANDRA.session().execute("SELECT step, bucket, posts, positive, neutral, negative, unscored FROM "
                    + Tables.SPEED_BUCKET_TOTALS.in(run.keyspace()))) {
                if ("minute".equals(r.getString("step"))) {
                    actualTotals.put(r.getInstant("bucket"), counts(r));
                }
            }
            assertThat(actualTerms).hasSameSizeAs(expectedTerms).isEqualTo(expectedTerms);
            assertThat(actualTotals).isEqualTo(expectedTotals);
            long[] split = new long[4];
            actualTotals.values().forEach(c -> Arrays.setAll(split, j -> split[j] + c.get(j + 1)));
            // a split of every class and none unscored: the model, not a constant, labelled them
            assertThat(split[0]).isPositive();
            assertThat(split[1]).isPositive();
            assertThat(split[2]).isPositive();
            assertThat(split[3]).isZero();
            System.out.printf("speed layer with model %s: %d posts, positive %d, neutral %d, negative %d%n", VERSION,
                    distinct.size(), split[0], split[1], split[2]);
            speed.terminate();
        }
        CASSANDRA.session().execute("DROP KEYSPACE IF EXISTS " + run.keyspace());
    }

    /** [posts, positive, neutral, negative, unscored] */
    private static List<Long> zeros() {
        return new ArrayList<>(List.of(0L, 0L, 0L, 0L, 0L));
    }

    private static void add(List<Long> c, Sentiment s) {
        c.set(0, c.get(0) + 1);
        c.set(1 + s.ordinal(), c.get(1 + s.ordinal()) + 1);
    }

    private static List<Long> counts(Row r) {
        return List.of(r.getLong("posts"), r.getLong("positive"), r.getLong("neutral"), r.getLong("negative"),
                r.getLong("unscored"));
    }
}
