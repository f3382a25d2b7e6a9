package io.trendwatch.model.sentiment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Softmax cross-entropy where each sample counts by its class weight. The
 * classes are unbalanced (negative is 16% of the tweets) and the metric is the
 * mean recall over classes, so a rare class must weigh as much as a common one.
 * Labels: class indices (int64) and the per-sample weights (float32).
 */
final class WeightedSoftmaxLoss extends Loss {

    WeightedSoftmaxLoss() {
        super("WeightedSoftmaxCrossEntropy");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logProb = predictions.singletonOrThrow().logSoftmax(1);
        NDArray classes = labels.get(0);
        NDArray sampleWeights = labels.get(1);
        NDArray picked = logProb.mul(classes.oneHot((int) logProb.getShape().get(1))).sum(new int[] {1});
        return picked.mul(sampleWeights).sum().neg().div(sampleWeights.sum());
    }
}
