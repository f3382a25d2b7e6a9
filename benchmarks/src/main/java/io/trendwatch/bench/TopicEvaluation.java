package io.trendwatch.bench;

import io.trendwatch.batch.topics.Nmi;
import io.trendwatch.batch.topics.TopicModeling;
import io.trendwatch.batch.topics.TopicParams;
import io.trendwatch.core.source.SemEvalTweet;
import io.trendwatch.core.config.SharedDataFolder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * How well the topic model's topics match the human topic labels of the
 * SemEval subtask B/D tweets: NMI between each tweet's most likely topic and
 * its label (and the same with the labels shuffled, the chance level).
 * {@code bin/bench topics-nmi [--sample N] [K...]}: the fit reads at most N of
 * the tweets (default the topic job's), every tweet is assigned.
 */
public final class TopicEvaluation {

    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        int sample = TopicParams.DEFAULT.sample();
        int at = rest.indexOf("--sample");
        if (at >= 0) {
            sample = Integer.parseInt(rest.get(at + 1));
            rest.subList(at, at + 2).clear();
        }
        int[] ks = rest.isEmpty() ? new int[] {10, 50, 100} : rest.stream().mapToInt(Integer::parseInt).toArray();
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> labelOf = new HashMap<>();
        Map<String, Integer> topicIds = new LinkedHashMap<>();
        List<Path> files;
        try (java.util.stream.Stream<Path> s = Files.list(SharedDataFolder.semEvalSubtaskBd())) {
            files = s.filter(p -> p.toString().endsWith(".tsv")).sorted().toList();
        }
        for (Path f : files) {
            for (String line : Files.readAllLines(f)) {
                if (line.isBlank()) {
                    continue;
                }
                SemEvalTweet t = SemEvalTweet.parse(line);
                String id = Long.toString(t.id());
                if (labelOf.putIfAbsent(id, topicIds.computeIfAbsent(t.topic(), k -> topicIds.size())) == null) {
                    rows.add(RowFactory.create(id, t.text()));
                }
            }
        }
        SparkSession spark = SparkSession.builder().master("local[2]").appName("topic-evaluation")
                .config("spark.sql.shuffle.partitions", 4).config("spark.ui.enabled", false).getOrCreate();
        StructType schema = new StructType().add("id", DataTypes.StringType).add("text", DataTypes.StringType);
        Dataset<Row> documents = TopicModeling.documents(spark.createDataFrame(rows, schema)).cache();
        System.out.printf("%d tweets, %d human topic labels, %d with terms%n", rows.size(), topicIds.size(),
                documents.count());
        for (int k : ks) {
            long start = System.nanoTime();
            TopicParams params = new TopicParams(k, 5000, 3, 50, 10, 42, sample);
            TopicModeling.Fitted fitted = TopicModeling.fit(documents, params);
            List<Row> assigned = TopicModeling.assignments(fitted, documents).collectAsList();
            int[] predicted = new int[assigned.size()];
            int[] gold = new int[assigned.size()];
            for (int i = 0; i < predicted.length; i++) {
                predicted[i] = assigned.get(i).getInt(1);
                gold[i] = labelOf.get(assigned.get(i).getString(0));
            }
            int[] shuffled = gold.clone();
            Random random = new Random(7);
            for (int i = shuffled.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int s = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = s;
            }
            System.out.printf("k=%d: NMI %.4f (shuffled labels %.4f) over %d tweets, fitted on %d, %.1f s%n", k,
                    Nmi.of(predicted, gold), Nmi.of(predicted, shuffled), predicted.length, fitted.sampled(),
                    (System.nanoTime() - start) / 1e9);
        }
        spark.stop();
    }
}
