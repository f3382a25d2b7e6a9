package io.trendwatch.bench;

import io.trendwatch.core.config.SharedDataFolder;
import io.trendwatch.model.registry.ModelsDir;
import io.trendwatch.model.sentiment.LabelledCorpus;
import io.trendwatch.model.sentiment.LabelledTweet;
import io.trendwatch.model.sentiment.SentimentFeatures;
import io.trendwatch.model.sentiment.SentimentModel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Batched inference throughput of the newest sentiment model on one thread
 * (one intra-op thread, so the figure is per core), over the real tweets:
 * the median of timed passes after warm-up passes, with the feature
 * extraction alone for comparison. {@code bin/bench sentiment-inference}.
 */
public final class SentimentInferenceBenchmark {

    public static void main(String[] args) throws Exception {
        int passes = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        ModelsDir models = ModelsDir.fromEnvironment(System.getenv());
        String version = models.latest("sentiment").orElseThrow(() -> new IllegalStateException(
                "no sentiment model in " + models.root() + "; run: bin/trendwatch model train-sentiment"));
        List<String> texts = new ArrayList<>();
        for (LabelledTweet t : LabelledCorpus.read(SharedDataFolder.semEvalSubtaskA()).tweets()) {
            texts.add(t.text());
        }
        System.out.printf("model %s, %d real tweets per pass, batches of %d, %d timed passes after 2 warm-up%n",
                version, texts.size(), SentimentModel.BATCH, passes);
        try (SentimentModel model = SentimentModel.load(models.dir("sentiment", version))) {
            SentimentFeatures features = new SentimentFeatures(model.card().features());
            double[] labelRates = new double[passes];
            double[] featureRates = new double[passes];
            for (int pass = -2; pass < passes; pass++) {
                long t0 = System.nanoTime();
                long sink = 0;
                for (String text : texts) {
                    sink += features.ids(text).length;
                }
                long t1 = System.nanoTime();
                int labelled = model.label(texts).size();
                long t2 = System.nanoTime();
                if (pass >= 0) {
                    featureRates[pass] = texts.size() / ((t1 - t0) / 1e9);
                    labelRates[pass] = labelled / ((t2 - t1) / 1e9);
                }
                if (sink == 0) {
                    throw new IllegalStateException("no features");
                }
            }
            System.out.printf("features only:          median %,.0f posts/s%n", median(featureRates));
            System.out.printf("label (features+model): median %,.0f posts/s per core (passes: %s)%n",
                    median(labelRates), Arrays.toString(Arrays.stream(labelRates).mapToLong(Math::round).toArray()));
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
