package io.trendwatch.model.sentiment;

import ai.djl.ndarray.NDArray;
import io.trendwatch.core.sentiment.Sentiment;

import java.util.ArrayList;
import java.util.List;

/**
 * A trained {@link SentimentNet} folded into one table: the network is the mean of its features' embeddings followed
 * by one linear layer, so each feature's class scores ({@link SentimentNet#featureClassScores()}) can be computed
 * once, and a text's scores are the mean of its features' rows plus the bias. It labels as the forward pass does,
 * in plain Java, one text at a time: no native call, no padding to the batch's longest text, no engine thread. The
 * two differ only in float rounding, so only where the forward pass's best two classes are within rounding of each
 * other ({@code FoldedLabellerTest} measures both on the real tweets). Immutable and thread-safe; holds no native
 * memory.
 */
public final class FoldedLabeller {

    private static final Sentiment[] CLASSES = {Sentiment.POSITIVE, Sentiment.NEUTRAL, Sentiment.NEGATIVE};

    private final SentimentFeatures features;
    /** {@code buckets x 3}, row-major: feature id f's class scores at {@code 3f .. 3f+2}. */
    private final float[] rows;
    private final float[] bias;

    private FoldedLabeller(SentimentFeatures features, float[] rows, float[] bias) {
        this.features = features;
        this.rows = rows;
        this.bias = bias;
    }

    /** Folds the model's current weights; the model can be closed afterwards. */
    public static FoldedLabeller of(SentimentModel model) {
        SentimentNet net = (SentimentNet) model.djlModel().getBlock();
        float[] rows;
        try (NDArray table = net.featureClassScores()) {
            rows = table.toFloatArray();
        }
        float[] bias = net.bias().toFloatArray();
        if (bias.length != CLASSES.length || rows.length != model.features().spec().buckets() * CLASSES.length) {
            throw new IllegalStateException("not a 3-class model over " + model.features().spec().buckets() + " features");
        }
        return new FoldedLabeller(model.features(), rows, bias);
    }

    /** One label per text, in order. */
    public List<Sentiment> label(List<String> texts) {
        List<Sentiment> out = new ArrayList<>(texts.size());
        double[] scores = new double[CLASSES.length];
        for (String text : texts) {
            out.add(CLASSES[best(scores(text, scores))]);
        }
        return out;
    }

    /** The text's class scores, in {@link Sentiment} order, written into {@code into}. */
    double[] scores(String text, double[] into) {
        int[] ids = features.ids(text);
        double p = 0;
        double u = 0;
        double n = 0;
        for (int id : ids) {
            int r = 3 * id;
            p += rows[r];
            u += rows[r + 1];
            n += rows[r + 2];
        }
        into[0] = p / ids.length + bias[0];
        into[1] = u / ids.length + bias[1];
        into[2] = n / ids.length + bias[2];
        return into;
    }

    /** The first class with the highest score, as the engine's argmax picks it. */
    private static int best(double[] scores) {
        int best = 0;
        for (int c = 1; c < scores.length; c++) {
            if (scores[c] > scores[best]) {
                best = c;
            }
        }
        return best;
    }
}
