package io.trendwatch.model.sentiment;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hyper-parameters of a training run. The defaults were chosen on the dev
 * tweets (never on the holdout, whose figure is the one reported): the size,
 * batch and cues on the random split's, the learning rate and epochs on the
 * time split's (the latest tweets before its cut), where 0.001 for up to 10
 * epochs beat 0.002 for up to 5.
 */
public record TrainingParams(FeatureSpec features, int dim, int epochs, int batchSize, float learningRate,
                             boolean balanceClasses, long seed) {

    public static final int DIM = 24;
    public static final int EPOCHS = 10;
    public static final int BATCH_SIZE = 128;
    public static final float LEARNING_RATE = 0.001f;
    public static final long SEED = 42;
    public static final TrainingParams DEFAULT = new TrainingParams(FeatureSpec.DEFAULT, DIM, EPOCHS, BATCH_SIZE,
            LEARNING_RATE, true, SEED);

    public TrainingParams {
        if (dim < 1 || epochs < 1 || batchSize < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("dim, epochs, batch size and learning rate must be positive");
        }
    }

    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("architecture", "hashed n-gram embedding bag + linear (fastText style)");
        m.put("buckets", Integer.toString(features.buckets()));
        m.put("bigrams", Boolean.toString(features.bigrams()));
        m.put("char_ngrams", features.charMin() + ".." + features.charMax());
        m.put("max_features", Integer.toString(features.maxFeatures()));
        m.put("cues", Boolean.toString(features.cues()));
        m.put("dim", Integer.toString(dim));
        m.put("max_epochs", Integer.toString(epochs));
        m.put("batch_size", Integer.toString(batchSize));
        m.put("learning_rate", Float.toString(learningRate));
        m.put("balance_classes", Boolean.toString(balanceClasses));
        m.put("seed", Long.toString(seed));
        return m;
    }
}
