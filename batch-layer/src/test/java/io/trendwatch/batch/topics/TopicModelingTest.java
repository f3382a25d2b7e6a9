package io.trendwatch.batch.topics;

import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.stat.Summarizer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The topic model is fitted on a bounded sample chosen by the posts' ids, and
 * its shares are read from every post.
 */
class TopicModelingTest {

    private static final String[] SPORT = {"goal", "match", "league", "striker", "keeper", "derby", "referee", "fans"};
    private static final String[] FOOD = {"pizza", "pasta", "recipe", "oven", "cheese", "sauce", "bakery", "lunch"};

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("topic-modeling-test")
                .config("spark.sql.shuffle.partitions", 2).config("spark.ui.enabled", false).getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void theSampleIsBoundedAndTheSameWhateverThePartitioning() {
        Dataset<Row> documents = TopicModeling.documents(posts(4_000, 1));
        Set<String> once = ids(TopicModeling.sample(documents, 4_000, 800, 0));
        Set<String> again = ids(TopicModeling.sample(documents.repartition(5), 4_000, 800, 0));

        assertThat(once).isEqualTo(again);
        // a hash sample: about the limit, never a fixed count
        assertThat(once.size()).isBetween(640, 960);
        assertThat(TopicModeling.sample(documents, 4_000, 4_000, 0)).isSameAs(documents);
        // a sample of the sample, with another salt, is a part of it
        Set<String> part = ids(TopicModeling.sample(TopicModeling.sample(documents, 4_000, 800, 0), once.size(), 200, 1));
        assertThat(once).containsAll(part);
        assertThat(part.size()).isBetween(140, 260);
    }

    @Test
    void fitsOnTheSampleAndCountsEveryPostInTheShares() {
        // three posts about sport to every one about food, in two vocabularies that never meet
        Dataset<Row> documents = TopicModeling.documents(posts(4_000, 3)).cache();
        TopicModeling.Fitted fitted = TopicModeling.fit(documents, new TopicParams(2, 100, 2, 40, 8, 42, 600));

        assertThat(fitted.documents()).isEqualTo(4_000);
        assertThat(fitted.sampled()).isBetween(450L, 750L);
        assertThat(fitted.topics().stream().mapToDouble(TopicModeling.Topic::share).sum()).isCloseTo(1.0, within(1e-9));
        TopicModeling.Topic sport = fitted.topics().stream().filter(t -> List.of(SPORT).containsAll(t.terms())).findFirst()
                .orElseThrow(() -> new AssertionError("no topic of the sport words alone: " + fitted.topics()));
        TopicModeling.Topic food = fitted.topics().stream().filter(t -> List.of(FOOD).containsAll(t.terms())).findFirst()
                .orElseThrow(() -> new AssertionError("no topic of the food words alone: " + fitted.topics()));
        assertThat(sport.share()).isCloseTo(0.75, within(0.05));
        assertThat(food.share()).isCloseTo(0.25, within(0.05));

        // the shares read each distinct bag of terms once: the same as the mean mix of every post, one by one
        Row mean = fitted.lda().transform(fitted.vocabulary().transform(documents))
                .agg(Summarizer.mean(col("topicDistribution"))).first();
        Vector perPost = mean.getAs(0);
        for (TopicModeling.Topic t : fitted.topics()) {
            assertThat(t.share()).as("topic %d", t.topic()).isCloseTo(perPost.apply(t.topic()), within(1e-12));
        }
    }

    /** {@code n} posts of four words each, {@code sportPerFood} sport posts to every food post. */
    private static Dataset<Row> posts(int n, int sportPerFood) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String[] words = i % (sportPerFood + 1) == sportPerFood ? FOOD : SPORT;
            String text = words[i % 8] + " " + words[(i / 8) % 8] + " " + words[(i / 64 + 3) % 8] + " "
                    + words[(i / 7 + 5) % 8];
            rows.add(RowFactory.create("p" + i, text));
        }
        StructType schema = new StructType().add("id", DataTypes.StringType).add("text", DataTypes.StringType);
        return spark.createDataFrame(rows, schema);
    }

    private static Set<String> ids(Dataset<Row> documents) {
        Set<String> ids = new HashSet<>();
        documents.select("id").collectAsList().forEach(r -> ids.add(r.getString(0)));
        return ids;
    }
}
