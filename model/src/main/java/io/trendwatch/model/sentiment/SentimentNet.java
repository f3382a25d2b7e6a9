package io.trendwatch.model.sentiment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;

/**
 * A fastText-style classifier: the weighted mean of the hashed features'
 * embeddings (an embedding bag), then one linear layer to the class scores.
 * Linear in its features, so it trains in seconds and scores tens of
 * thousands of posts a second on one core.
 *
 * <p>Input: feature ids {@code (batch, length)} as int64, padded with 0, and
 * their weights {@code (batch, length)} as float32 (1/n for a text's n
 * features, 0 for padding). Output: class scores {@code (batch, classes)}.
 */
public final class SentimentNet extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Parameter embedding;
    private final Parameter weight;
    private final Parameter bias;
    private final int classes;

    public SentimentNet(int buckets, int dim, int classes) {
        super(VERSION);
        this.classes = classes;
        embedding = addParameter(Parameter.builder().setName("embedding").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(buckets, dim)).optInitializer(new NormalInitializer(0.05f)).build());
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(classes, dim)).optInitializer(new XavierInitializer()).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(classes)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        NDArray featureWeights = inputs.get(1);
        NDArray table = store.getValue(embedding, ids.getDevice(), training);
        NDArray vectors = ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
        NDArray pooled = vectors.mul(featureWeights.expandDims(2)).sum(new int[] {1});
        return Linear.linear(pooled, store.getValue(weight, ids.getDevice(), training),
                store.getValue(bias, ids.getDevice(), training));
    }

    /**
     * Each feature's class scores, {@code (buckets, classes)}: the embedding table times the linear layer's weights.
     * The network is linear after the embedding bag, so a text's class scores are the weighted mean of its features'
     * rows plus {@link #bias()}: what {@link FoldedLabeller} computes without the engine.
     */
    NDArray featureClassScores() {
        try (NDArray byClass = weight.getArray().transpose()) {
            return embedding.getArray().matMul(byClass);
        }
    }

    NDArray bias() {
        return bias.getArray();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), classes)};
    }
}
