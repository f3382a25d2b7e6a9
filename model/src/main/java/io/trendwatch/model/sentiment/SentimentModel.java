package io.trendwatch.model.sentiment;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.trendwatch.core.sentiment.Sentiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A sentiment model: the network, its feature spec and its card. Texts are
 * labelled by its {@link #folded()} table; the engine's forward pass (one per
 * {@link #BATCH} texts) trains it and is the reference the table is held to.
 * Holds native memory: close it.
 */
public final class SentimentModel implements AutoCloseable {

    public static final int BATCH = 1024;
    static final String WEIGHTS = "sentiment";
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private final Model model;
    private final SentimentFeatures features;
    private ModelCard card;

    SentimentModel(Model model, SentimentFeatures features, ModelCard card) {
        this.model = model;
        this.features = features;
        this.card = card;
    }

    /** A new, untrained network for the given features. */
    static SentimentModel create(FeatureSpec spec, int dim) {
        DjlRuntime.configure();
        Model model = Model.newInstance(WEIGHTS);
        SentimentNet net = new SentimentNet(spec.buckets(), dim, 3);
        model.setBlock(net);
        // an initialised block knows its inputs, which saving a loaded model needs
        net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1), new Shape(1, 1));
        return new SentimentModel(model, new SentimentFeatures(spec), null);
    }

    /** Loads a saved model folder ({@code model.json} and the weights). */
    public static SentimentModel load(Path dir) throws IOException {
        ModelCard card = ModelCard.read(dir);
        SentimentModel m = create(card.features(), card.dim());
        try {
            m.model.load(dir, WEIGHTS);
        } catch (MalformedModelException e) {
            m.close();
            throw new IOException("model weights in " + dir + " are unreadable: " + e.getMessage(), e);
        }
        m.card = card;
        return m;
    }

    /** Writes the weights and the card into {@code dir} (created if needed). */
    void save(Path dir, ModelCard newCard) throws IOException {
        Files.createDirectories(dir);
        model.save(dir, WEIGHTS);
        JSON.writeValue(dir.resolve(ModelCard.FILE).toFile(), newCard);
        this.card = newCard;
    }

    public ModelCard card() {
        return card;
    }

    Model djlModel() {
        return model;
    }

    SentimentFeatures features() {
        return features;
    }

    /** The network's current weights folded into one table: how texts are labelled (see {@link FoldedLabeller}). */
    public FoldedLabeller folded() {
        return FoldedLabeller.of(this);
    }

    /** One label per text, in order, by the engine's forward pass in batches: the reference {@link #folded()} is held to. */
    public List<Sentiment> engineLabels(List<String> texts) {
        List<Sentiment> out = new ArrayList<>(texts.size());
        Sentiment[] classes = Sentiment.values();
        for (int from = 0; from < texts.size(); from += BATCH) {
            List<String> chunk = texts.subList(from, Math.min(texts.size(), from + BATCH));
            try (NDManager scope = model.getNDManager().newSubManager()) {
                NDArray best = scores(scope, chunk).argMax(1);
                for (long c : best.toLongArray()) {
                    out.add(classes[(int) c]);
                }
            }
        }
        return out;
    }

    /** Class scores {@code (texts, 3)} of one batch, in {@link Sentiment} order. */
    NDArray scores(NDManager scope, List<String> texts) {
        NDList input = encode(scope, features, texts);
        return model.getBlock().forward(new ParameterStore(scope, false), input, false).singletonOrThrow();
    }

    /** Feature ids padded to the longest text of the batch, and their 1/n weights. */
    static NDList encode(NDManager scope, SentimentFeatures features, List<String> texts) {
        int[][] ids = new int[texts.size()][];
        int width = 1;
        for (int i = 0; i < ids.length; i++) {
            ids[i] = features.ids(texts.get(i));
            width = Math.max(width, ids[i].length);
        }
        long[] flatIds = new long[ids.length * width];
        float[] weights = new float[ids.length * width];
        for (int i = 0; i < ids.length; i++) {
            float w = 1f / ids[i].length;
            for (int j = 0; j < ids[i].length; j++) {
                flatIds[i * width + j] = ids[i][j];
                weights[i * width + j] = w;
            }
        }
        Shape shape = new Shape(ids.length, width);
        return new NDList(scope.create(flatIds, shape), scope.create(weights, shape));
    }

    @Override
    public void close() {
        model.close();
    }
}
