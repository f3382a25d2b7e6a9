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
 * other ({@code FoldedLabellerTest} measures both on the real tweets). A label's confidence is the softmax of the
 * scores at the model's temperature ({@link Calibration}; 1 for a model trained before it was fitted). Immutable and
 * thread-safe; holds no native memory.
 */
public final class FoldedLabeller {

    /** The card parameter that holds the temperature of the labels' confidence. */
    public static final String TEMPERATURE = "temperature";
    private static final Sentiment[] CLASSES = {Sentiment.POSITIVE, Sentiment.NEUTRAL, Sentiment.NEGATIVE};

    /** A label and how sure the model is of it: the calibrated probability of that class. */
    public record Labelled(Sentiment label, double confidence) {
    }

    private final SentimentFeatures features;
    /** {@code buckets x 3}, row-major: feature id f's class scores at {@code 3f .. 3f+2}. */
    private final float[] rows;
    private final float[] bias;
    private final double temperature;

    private FoldedLabeller(SentimentFeatures features, float[] rows, float[] bias, double temperature) {
        this.features = features;
        this.rows = rows;
        this.bias = bias;
        this.temperature = temperature;
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
        ModelCard card = model.card();
        String t = card == null || card.params() == null ? null : card.params().get(TEMPERATURE);
        return new FoldedLabeller(model.features(), rows, bias, t == null ? 1 : Double.parseDouble(t));
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

    /** One label per text with its confidence, in order; the labels are those of {@link #label}. */
    public List<Labelled> labelWithConfidence(List<String> texts) {
        List<Labelled> out = new ArrayList<>(texts.size());
        double[] scores = new double[CLASSES.length];
        for (String text : texts) {
            int best = best(scores(text, scores));
            out.add(new Labelled(CLASSES[best], Calibration.softmax(scores, temperature)[best]));
        }
        return out;
    }

    public double temperature() {
        return temperature;
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
