package io.trendwatch.bench;

import io.trendwatch.core.config.SharedDataFolder;
import io.trendwatch.core.sentiment.Sentiment;
import io.trendwatch.model.registry.ModelsDir;
import io.trendwatch.model.sentiment.FoldedLabeller;
import io.trendwatch.model.sentiment.LabelledCorpus;
import io.trendwatch.model.sentiment.LabelledTweet;
import io.trendwatch.model.sentiment.SentimentFeatures;
import io.trendwatch.model.sentiment.SentimentModel;
import io.trendwatch.store.models.ModelNames;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Labelling throughput of the newest sentiment model on one thread (one
 * intra-op thread for the engine, so every figure is per core), over the real
 * tweets: the median of timed passes after two warm-up passes, for the
 * feature extraction alone, the labelling the layers use (the folded table,
 * {@link FoldedLabeller}) and the engine's batched forward pass it replaced.
 * {@code bin/bench sentiment-inference}.
 */
public final class SentimentInferenceBenchmark {

    public static void main(String[] args) throws Exception {
        int passes = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        ModelsDir models = ModelsDir.fromEnvironment(System.getenv());
        String version = models.latest(ModelNames.SENTIMENT).orElseThrow(() -> new IllegalStateException(
                "no sentiment model in " + models.root() + "; run: bin/trendwatch model train-sentiment"));
        List<String> texts = new ArrayList<>();
        for (LabelledTweet t : LabelledCorpus.read(SharedDataFolder.semEvalSubtaskA()).tweets()) {
            texts.add(t.text());
        }
        System.out.printf("model %s, %d real tweets per pass, %d timed passes after 2 warm-up%n", version, texts.size(), passes);
        try (SentimentModel model = SentimentModel.load(models.dir(ModelNames.SENTIMENT, version))) {
            SentimentFeatures features = new SentimentFeatures(model.card().features());
            FoldedLabeller folded = model.folded();
            double[] featureRates = rates(passes, texts, t -> t.stream().mapToInt(x -> features.ids(x).length).sum());
            double[] foldedRates = rates(passes, texts, labels(folded::label));
            double[] engineRates = rates(passes, texts, labels(model::engineLabels));
            System.out.printf("features only:                 median %,.0f posts/s%n", median(featureRates));
            System.out.printf("label, folded table (layers):  median %,.0f posts/s per core (passes: %s)%n",
                    median(foldedRates), rounded(foldedRates));
            System.out.printf("label, engine forward pass:    median %,.0f posts/s per core (passes: %s), batches of %d%n",
                    median(engineRates), rounded(engineRates), SentimentModel.BATCH);
        }
    }

    private static ToIntFunction<List<String>> labels(Function<List<String>, List<Sentiment>> labeller) {
        return t -> labeller.apply(t).size();
    }

    /** Posts per second of each timed pass of {@code work} over the texts. */
    private static double[] rates(int passes, List<String> texts, ToIntFunction<List<String>> work) {
        double[] rates = new double[passes];
        for (int pass = -2; pass < passes; pass++) {
            long t0 = System.nanoTime();
            if (work.applyAsInt(texts) == 0) {
                throw new IllegalStateException("nothing done");
            }
            if (pass >= 0) {
                rates[pass] = texts.size() / ((System.nanoTime() - t0) / 1e9);
            }
        }
        return rates;
    }

    private static String rounded(double[] v) {
        return Arrays.toString(Arrays.stream(v).mapToLong(Math::round).toArray());
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
