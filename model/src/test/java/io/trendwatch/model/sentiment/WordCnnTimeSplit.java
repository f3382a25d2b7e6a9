package io.trendwatch.model.sentiment;

import ai.djl.Model;
import ai.djl.ndarray.NDArrays;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.PairList;
import io.trendwatch.core.sentiment.Sentiment;
import io.trendwatch.core.text.Term;
import io.trendwatch.core.text.TermKind;
import io.trendwatch.core.text.Tokenizer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A measurement, not a model the layers use: a word CNN (hashed word ids, embeddings learnt from scratch, filters of
 * 2-4 words, max-pooled, dropout, one linear layer) trained on the tweets before the time split's cut with the
 * linear model's loss and class weights, its epoch chosen on the dev tweets; then its class probabilities averaged
 * with those of a linear model trained on the same split, the weight chosen on dev. Prints AvgRec on the later tweets
 * of each (docs/benchmarks.md, "a word CNN"). Arguments: the subtask-A folder, a time-split model's folder;
 * {@code -Depochs -Ddim -Dfilters -Dlr}.
 */
public final class WordCnnTimeSplit {

    static final int BUCKETS = 1 << 16, LEN = 48, DIM = Integer.getInteger("dim", 64), FILTERS = Integer.getInteger("filters", 64);

    static final class WordCnn extends AbstractBlock {
        final Parameter embedding;
        final Conv1d[] convs;
        final Dropout dropout;
        final Linear out;

        WordCnn() {
            super((byte) 1);
            embedding = addParameter(Parameter.builder().setName("embedding").setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(BUCKETS, DIM)).optInitializer(new NormalInitializer(0.1f)).build());
            int[] ks = {2, 3, 4};
            convs = new Conv1d[ks.length];
            for (int i = 0; i < ks.length; i++) {
                convs[i] = addChildBlock("conv" + ks[i], Conv1d.builder().setKernelShape(new Shape(ks[i])).setFilters(FILTERS).build());
            }
            dropout = addChildBlock("dropout", Dropout.builder().optRate(0.5f).build());
            out = addChildBlock("out", Linear.builder().setUnits(3).build());
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            for (Conv1d c : convs) {
                c.initialize(manager, dataType, new Shape(1, DIM, LEN));
            }
            dropout.initialize(manager, dataType, new Shape(1, FILTERS * convs.length));
            out.initialize(manager, dataType, new Shape(1, FILTERS * convs.length));
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray ids = inputs.get(0);
            NDArray table = store.getValue(embedding, ids.getDevice(), training);
            NDArray x = ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow().transpose(0, 2, 1);
            NDList pooled = new NDList();
            for (Conv1d c : convs) {
                pooled.add(Activation.relu(c.forward(store, new NDList(x), training).singletonOrThrow()).max(new int[] {2}));
            }
            NDArray h = NDArrays.concat(pooled, 1);
            h = dropout.forward(store, new NDList(h), training).singletonOrThrow();
            return out.forward(store, new NDList(h), training);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {new Shape(inputShapes[0].get(0), 3)};
        }
    }

    static long[] ids(String text) {
        List<Term> terms = Tokenizer.tokenize(text == null ? "" : text);
        long[] out = new long[LEN];
        int n = 0;
        for (Term t : terms) {
            if (n == LEN) break;
            String tok = t.kind() == TermKind.URL ? "<url>" : t.text().toLowerCase(java.util.Locale.ROOT);
            out[n++] = 1 + Long.remainderUnsigned(SentimentFeatures.hash(tok, 0), BUCKETS - 1);
        }
        return out;
    }

    static NDArray batch(NDManager m, List<LabelledTweet> tweets) {
        long[] flat = new long[tweets.size() * LEN];
        for (int i = 0; i < tweets.size(); i++) System.arraycopy(ids(tweets.get(i).text()), 0, flat, i * LEN, LEN);
        return m.create(flat, new Shape(tweets.size(), LEN));
    }

    static double[][] probs(Model model, List<LabelledTweet> tweets) {
        double[][] p = new double[tweets.size()][];
        for (int from = 0; from < tweets.size(); from += 1024) {
            List<LabelledTweet> chunk = tweets.subList(from, Math.min(tweets.size(), from + 1024));
            try (NDManager s = model.getNDManager().newSubManager()) {
                float[] v = model.getBlock().forward(new ParameterStore(s, false), new NDList(batch(s, chunk)), false)
                        .singletonOrThrow().softmax(1).toFloatArray();
                for (int i = 0; i < chunk.size(); i++) p[from + i] = new double[] {v[3 * i], v[3 * i + 1], v[3 * i + 2]};
            }
        }
        return p;
    }

    static Recall recall(List<LabelledTweet> tweets, double[][] p) {
        Sentiment[] cls = Sentiment.values();
        List<Sentiment> pred = new ArrayList<>();
        for (double[] q : p) { int b = 0; for (int c = 1; c < 3; c++) if (q[c] > q[b]) b = c; pred.add(cls[b]); }
        return Recall.of(tweets.stream().map(LabelledTweet::label).toList(), pred);
    }

    static double[][] mix(double[][] a, double[][] b, double w) {
        double[][] o = new double[a.length][3];
        for (int i = 0; i < a.length; i++) for (int c = 0; c < 3; c++) o[i][c] = w * a[i][c] + (1 - w) * b[i][c];
        return o;
    }

    static double[][] linearProbs(FoldedLabeller f, List<LabelledTweet> tweets) {
        double[][] p = new double[tweets.size()][];
        for (int i = 0; i < p.length; i++) {
            p[i] = Calibration.softmax(f.scores(tweets.get(i).text(), new double[3]), 1);
        }
        return p;
    }

    public static void main(String[] args) throws Exception {
        DjlRuntime.configure();
        LabelledCorpus corpus = LabelledCorpus.read(Path.of(args[0]));
        LabelledCorpus.Split split = corpus.splitByTime(LabelledCorpus.TIME_CUT, 10);
        System.out.printf("train %d dev %d later %d%n", split.train().size(), split.dev().size(), split.holdout().size());
        int epochs = Integer.getInteger("epochs", 8);
        float lr = Float.parseFloat(System.getProperty("lr", "0.001"));
        Engine.getInstance().setRandomSeed(42);
        float[] cw = SentimentTrainer.inverseFrequency(split.train());
        double[][] bestDevP = null, bestLaterP = null;
        double bestDev = -1;
        try (Model model = Model.newInstance("cnn")) {
            model.setBlock(new WordCnn());
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(new WeightedSoftmaxLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(lr)).build()))) {
                trainer.initialize(new Shape(1, LEN));
                List<LabelledTweet> order = new ArrayList<>(split.train());
                Random r = new Random(42);
                for (int e = 1; e <= epochs; e++) {
                    long t0 = System.nanoTime();
                    Collections.shuffle(order, r);
                    for (int from = 0; from < order.size(); from += 64) {
                        List<LabelledTweet> b = order.subList(from, Math.min(order.size(), from + 64));
                        try (NDManager s = trainer.getManager().newSubManager()) {
                            long[] cl = new long[b.size()];
                            float[] w = new float[b.size()];
                            for (int i = 0; i < cl.length; i++) { cl[i] = b.get(i).classIndex(); w[i] = cw[(int) cl[i]]; }
                            NDList labels = new NDList(s.create(cl), s.create(w));
                            try (GradientCollector g = trainer.newGradientCollector()) {
                                NDList pred = trainer.forward(new NDList(batch(s, b)), labels);
                                g.backward(trainer.getLoss().evaluate(labels, pred));
                            }
                            trainer.step();
                        }
                    }
                    double[][] devP = probs(model, split.dev());
                    Recall dev = recall(split.dev(), devP);
                    System.out.printf("epoch %d (%.1f s): dev %.4f%n", e, (System.nanoTime() - t0) / 1e9, dev.avgRec());
                    if (dev.avgRec() > bestDev) {
                        // the later tweets are labelled only by the epoch dev keeps
                        bestDev = dev.avgRec();
                        bestDevP = devP;
                        bestLaterP = probs(model, split.holdout());
                    }
                }
            }
        }
        System.out.printf("CNN: best dev %.4f, later %s%n", bestDev, recall(split.holdout(), bestLaterP));
        if (args.length > 1) {
            try (SentimentModel lin = SentimentModel.load(Path.of(args[1]))) {
                FoldedLabeller f = lin.folded();
                double[][] ld = linearProbs(f, split.dev()), ll = linearProbs(f, split.holdout());
                System.out.printf("linear: dev %.4f later %s%n", recall(split.dev(), ld).avgRec(), recall(split.holdout(), ll));
                double bw = 1, bd = -1;
                for (int k = 0; k <= 20; k++) {
                    double w = k / 20.0, d = recall(split.dev(), mix(ld, bestDevP, w)).avgRec();
                    if (d > bd) { bd = d; bw = w; }
                }
                System.out.printf("ensemble: weight of linear %.2f chosen on dev (dev %.4f), later %s%n", bw, bd,
                        recall(split.holdout(), mix(ll, bestLaterP, bw)));
            }
        }
    }
}
