package io.trendwatch.model.sentiment;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.trendwatch.core.sentiment.PolarityRates;
import io.trendwatch.core.sentiment.Sentiment;
import io.trendwatch.core.source.Snowflake;
import io.trendwatch.store.models.ModelNames;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains a {@link SentimentNet} on labelled tweets: Adam on a class-weighted
 * cross-entropy, one pass over the shuffled training split per epoch, and the
 * epoch with the best dev-split AvgRec kept. The holdout split is scored once,
 * at the end, by the kept model: that is the figure the registry records.
 */
public final class SentimentTrainer {

    /** What a training run produced: the saved model and its figures. */
    public record Result(ModelCard card, Recall dev, Recall holdout, PolarityRates devRates, int bestEpoch, long millis) {
    }

    private final TrainingParams params;
    private final Consumer<String> log;

    public SentimentTrainer(TrainingParams params, Consumer<String> log) {
        this.params = params;
        this.log = log;
    }

    /** Trains, then saves the best epoch's model as {@code version} into {@code dir}. */
    public Result train(LabelledCorpus.Split split, String version, Path dir) throws IOException {
        return train(split, version, dir, Map.of());
    }

    /**
     * As {@link #train(LabelledCorpus.Split, String, Path)}, with figures of the same settings measured elsewhere
     * (such as {@link TimeSplitCheck}'s) recorded in the card beside the run's own.
     */
    public Result train(LabelledCorpus.Split split, String version, Path dir, Map<String, Double> measuredElsewhere)
            throws IOException {
        long start = System.nanoTime();
        if (split.train().isEmpty() || split.dev().isEmpty()) {
            throw new IllegalArgumentException("training needs tweets in both the train and the dev split");
        }
        DjlRuntime.configure();
        Engine.getInstance().setRandomSeed((int) params.seed());
        float[] classWeights = classWeights(split.train());
        Path best = Files.createTempDirectory("trendwatch-sentiment-best");
        double bestAvgRec = -1;
        int bestEpoch = 0;
        Recall bestDev = null;
        try (SentimentModel model = SentimentModel.create(params.features(), params.dim())) {
            DefaultTrainingConfig config = new DefaultTrainingConfig(new WeightedSoftmaxLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(params.learningRate())).build());
            try (Trainer trainer = model.djlModel().newTrainer(config)) {
                trainer.initialize(new Shape(1, 1), new Shape(1, 1));
                List<LabelledTweet> order = new ArrayList<>(split.train());
                Random random = new Random(params.seed());
                for (int epoch = 1; epoch <= params.epochs(); epoch++) {
                    Collections.shuffle(order, random);
                    long epochStart = System.nanoTime();
                    double loss = runEpoch(trainer, model.features(), order, classWeights);
                    Recall dev = evaluate(model, split.dev());
                    log.accept(String.format("epoch %d (%.1f s): loss %.4f, dev %s", epoch,
                            (System.nanoTime() - epochStart) / 1e9, loss, dev));
                    if (dev.avgRec() > bestAvgRec) {
                        bestAvgRec = dev.avgRec();
                        bestEpoch = epoch;
                        bestDev = dev;
                        model.djlModel().save(best, SentimentModel.WEIGHTS);
                    }
                }
            }
        }
        try (SentimentModel kept = SentimentModel.create(params.features(), params.dim())) {
            try {
                kept.djlModel().load(best, SentimentModel.WEIGHTS);
            } catch (ai.djl.MalformedModelException e) {
                throw new IOException(e);
            }
            Recall holdout = split.holdout().isEmpty() ? null : evaluate(kept, split.holdout());
            // the labels' confidence: a temperature fitted on dev, its effect measured where the AvgRec is
            FoldedLabeller folded = kept.folded();
            double temperature = Calibration.fitTemperature(scored(folded, split.dev()));
            List<Calibration.Scored> measured = scored(folded, split.holdout().isEmpty() ? split.dev() : split.holdout());
            double eceBefore = Calibration.ece(measured, 1);
            double eceAfter = Calibration.ece(measured, temperature);
            log.accept(String.format(java.util.Locale.ROOT, "confidence: temperature %.3f (fitted on dev); expected "
                    + "calibration error %.4f before, %.4f after", temperature, eceBefore, eceAfter));
            Map<String, String> p = new LinkedHashMap<>(params.asMap());
            p.put("split", split.kind());
            p.put("best_epoch", Integer.toString(bestEpoch));
            p.put("train_tweets", Integer.toString(split.train().size()));
            p.put("dev_tweets", Integer.toString(split.dev().size()));
            p.put("holdout_tweets", Integer.toString(split.holdout().size()));
            p.put(FoldedLabeller.TEMPERATURE, String.format(java.util.Locale.ROOT, "%.6f", temperature));
            Map<String, Double> metrics = new LinkedHashMap<>();
            Recall reported = holdout != null ? holdout : bestDev;
            metrics.put("avg_recall", reported.avgRec());
            metrics.put("recall_positive", reported.perClass().get(Sentiment.POSITIVE));
            metrics.put("recall_neutral", reported.perClass().get(Sentiment.NEUTRAL));
            metrics.put("recall_negative", reported.perClass().get(Sentiment.NEGATIVE));
            metrics.put("f1_pn", reported.f1pn());
            metrics.put("accuracy", reported.accuracy());
            metrics.put("dev_avg_recall", bestDev.avgRec());
            metrics.put("ece", eceAfter);
            metrics.put("ece_uncalibrated", eceBefore);
            // positive/negative rates on dev (before the cut, never trained on): what the API's adjusted shares use
            PolarityRates devRates = PolarityRates.of(split.dev().stream().map(LabelledTweet::label).toList(),
                    folded.label(split.dev().stream().map(LabelledTweet::text).toList()));
            if (split.byTime() && holdout != null) {
                metrics.putAll(TimeSplitCheck.metrics(holdout, devRates));
            }
            metrics.putAll(measuredElsewhere);
            ModelCard card = new ModelCard(ModelNames.SENTIMENT, version, params.features(), params.dim(), 3, Instant.now(),
                    earliest(split.train()), latest(split.train()), p, metrics);
            kept.save(dir, card);
            return new Result(card, bestDev, holdout, devRates, bestEpoch, (System.nanoTime() - start) / 1_000_000);
        } finally {
            deleteTree(best);
        }
    }

    private double runEpoch(Trainer trainer, SentimentFeatures features, List<LabelledTweet> order, float[] classWeights) {
        double lossSum = 0;
        int batches = 0;
        for (int from = 0; from < order.size(); from += params.batchSize()) {
            List<LabelledTweet> batch = order.subList(from, Math.min(order.size(), from + params.batchSize()));
            try (NDManager scope = trainer.getManager().newSubManager()) {
                NDList input = SentimentModel.encode(scope, features, batch.stream().map(LabelledTweet::text).toList());
                long[] classes = new long[batch.size()];
                float[] weights = new float[batch.size()];
                for (int i = 0; i < classes.length; i++) {
                    classes[i] = batch.get(i).classIndex();
                    weights[i] = classWeights[(int) classes[i]];
                }
                NDList labels = new NDList(scope.create(classes), scope.create(weights));
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDList predictions = trainer.forward(input, labels);
                    NDArray loss = trainer.getLoss().evaluate(labels, predictions);
                    collector.backward(loss);
                    lossSum += loss.getFloat();
                }
                trainer.step();
                batches++;
            }
        }
        return lossSum / Math.max(1, batches);
    }

    static Recall evaluate(SentimentModel model, List<LabelledTweet> tweets) {
        // the figures are those of the labelling the layers use
        List<Sentiment> predicted = model.folded().label(tweets.stream().map(LabelledTweet::text).toList());
        return Recall.of(tweets.stream().map(LabelledTweet::label).toList(), predicted);
    }

    private static List<Calibration.Scored> scored(FoldedLabeller folded, List<LabelledTweet> tweets) {
        return tweets.stream().map(t -> new Calibration.Scored(folded.scores(t.text(), new double[3]), t.classIndex())).toList();
    }

    private float[] classWeights(List<LabelledTweet> train) {
        if (!params.balanceClasses()) {
            float[] w = new float[3];
            java.util.Arrays.fill(w, 1f);
            return w;
        }
        return inverseFrequency(train);
    }

    /** Inverse class frequency, scaled so the weights average 1 over the samples. */
    static float[] inverseFrequency(List<LabelledTweet> train) {
        float[] w = new float[3];
        int[] counts = new int[3];
        train.forEach(t -> counts[t.classIndex()]++);
        for (int c = 0; c < 3; c++) {
            w[c] = counts[c] == 0 ? 0f : (float) train.size() / (3f * counts[c]);
        }
        return w;
    }

    private static Instant earliest(List<LabelledTweet> tweets) {
        return tweets.stream().map(t -> Snowflake.createdAt(t.id())).min(Comparator.naturalOrder()).orElse(null);
    }

    private static Instant latest(List<LabelledTweet> tweets) {
        return tweets.stream().map(t -> Snowflake.createdAt(t.id())).max(Comparator.naturalOrder()).orElse(null);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
