package io.trendwatch.model.sentiment;

import io.trendwatch.core.sentiment.Sentiment;
import io.trendwatch.core.testing.SharedData;
import io.trendwatch.model.ModelMain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A small model trained on the real labelled tweets (a small table and two
 * epochs, so it takes seconds), saved, and loaded again in this JVM through
 * the real PyTorch engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SentimentModelIT {

    /** The class's folder (static: filled before {@code @BeforeAll}); removed once the tests pass, kept when one fails. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path tmp;

    private static final TrainingParams SMALL = new TrainingParams(new FeatureSpec(1 << 15, true, 3, 5, 256),
            12, 2, 128, 0.003f, true, 7);

    private Path models;

    private LabelledCorpus.Split split;
    private SentimentTrainer.Result trained;
    private Path dir;

    @BeforeAll
    void train() throws Exception {
        models = Files.createDirectories(tmp.resolve("models"));
        split = LabelledCorpus.read(SharedData.subtaskA()).split(10, 10);
        dir = models.resolve("sentiment").resolve("v1");
        trained = new SentimentTrainer(SMALL, line -> { }).train(split, "v1", dir);
    }

    @Test
    void itLearnsFromTheRealTweets() {
        // a third is what guessing one class scores
        assertThat(trained.holdout().avgRec()).isGreaterThan(0.5);
        assertThat(trained.card().metrics().get("avg_recall")).isEqualTo(trained.holdout().avgRec());
        assertThat(trained.card().trainFrom()).isBefore(trained.card().trainTo());
    }

    @Test
    void itsConfidenceIsCalibratedOnDevAndTravelsWithTheModel() throws Exception {
        double temperature = Double.parseDouble(trained.card().params().get(FoldedLabeller.TEMPERATURE));
        assertThat(temperature).isBetween(Calibration.MIN_TEMPERATURE, Calibration.MAX_TEMPERATURE);
        // fitted on dev, so on the holdout it is at least no worse than the raw scores by the error it minimises
        assertThat(trained.card().metrics().get("ece")).isLessThanOrEqualTo(trained.card().metrics().get("ece_uncalibrated"));
        List<String> texts = split.holdout().stream().map(LabelledTweet::text).toList();
        try (SentimentModel m = SentimentModel.load(dir)) {
            FoldedLabeller folded = m.folded();
            assertThat(folded.temperature()).isEqualTo(temperature);
            List<FoldedLabeller.Labelled> labelled = folded.labelWithConfidence(texts);
            assertThat(labelled.stream().map(FoldedLabeller.Labelled::label).toList()).isEqualTo(folded.label(texts));
            // a label is the most probable of three classes: between a third and one
            assertThat(labelled).allSatisfy(l -> assertThat(l.confidence()).isBetween(1.0 / 3, 1.0));
        }
    }

    @Test
    void aSavedModelLoadsBackWithIdenticalPredictions() throws Exception {
        List<String> texts = split.holdout().stream().map(LabelledTweet::text).toList();
        List<Sentiment> first;
        float[] firstScores;
        try (SentimentModel a = SentimentModel.load(dir)) {
            first = a.folded().label(texts);
            firstScores = scores(a, texts.subList(0, 200));
            // the reloaded model is the one that was evaluated: it scores the holdout exactly as recorded
            assertThat(SentimentTrainer.evaluate(a, split.holdout()).avgRec())
                    .isEqualTo(trained.card().metrics().get("avg_recall"));
        }
        try (SentimentModel b = SentimentModel.load(dir)) {
            assertThat(b.folded().label(texts)).isEqualTo(first);
            assertThat(scores(b, texts.subList(0, 200))).isEqualTo(firstScores);
            assertThat(b.card().version()).isEqualTo("v1");
        }
        assertThat(first).contains(Sentiment.POSITIVE, Sentiment.NEUTRAL, Sentiment.NEGATIVE)
                .doesNotContain(Sentiment.UNSCORED);
    }

    @Test
    void predictWritesOneLabelPerInputLineInOrder(@TempDir Path work) throws Exception {
        // 12,000 real tweets, half in the SemEval layout and half as id<TAB>text
        List<LabelledTweet> tweets = new ArrayList<>(split.train().subList(0, 12_000));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < tweets.size(); i++) {
            LabelledTweet t = tweets.get(i);
            lines.add(i % 2 == 0 ? t.id() + "\t" + t.label().label() + "\t" + t.text() : t.id() + "\t" + t.text());
        }
        Path in = work.resolve("in.tsv");
        Path out = work.resolve("out.tsv");
        Files.write(in, lines, StandardCharsets.UTF_8);

        int exit = ModelMain.commandLine().execute("predict", "--models-dir", models.toString(), "--model", "latest",
                "--input", in.toString(), "--output", out.toString());

        assertThat(exit).isZero();
        List<String> written = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(written).hasSize(12_000);
        List<Sentiment> expected;
        try (SentimentModel m = SentimentModel.load(dir)) {
            expected = m.folded().label(tweets.stream().map(LabelledTweet::text).toList());
        }
        for (int i = 0; i < written.size(); i++) {
            assertThat(written.get(i)).isEqualTo(tweets.get(i).id() + "\t" + expected.get(i).label());
        }
    }

    @Test
    void predictRefusesALineWithoutTextAndWritesNothing(@TempDir Path work) throws Exception {
        for (String bad : List.of("1\thello\n2-no-tab\n", "1\thello\n\n2\tworld\n")) {
            Path in = work.resolve("bad.tsv");
            Files.writeString(in, bad);
            Path out = work.resolve("out.tsv");
            int exit = ModelMain.commandLine().execute("predict", "--models-dir", models.toString(), "--input",
                    in.toString(), "--output", out.toString());
            assertThat(exit).as(bad).isEqualTo(2);
            assertThat(work.resolve("out.tsv")).doesNotExist();
            assertThat(work.resolve("out.tsv.part")).doesNotExist();
        }
    }

    @Test
    void predictAcceptsEmptyLinesAtTheEnd(@TempDir Path work) throws Exception {
        Path in = work.resolve("in.tsv");
        Files.writeString(in, "1\tI love this\n2\tworst day ever\n\n\n");
        Path out = work.resolve("out.tsv");
        int exit = ModelMain.commandLine().execute("predict", "--models-dir", models.toString(), "--input",
                in.toString(), "--output", out.toString());
        assertThat(exit).isZero();
        assertThat(Files.readAllLines(out, StandardCharsets.UTF_8)).hasSize(2).allMatch(l -> l.matches("[12]\t(negative|neutral|positive)"));
    }

    @Test
    void theScorerTheLayersShipLabelsAsTheModelDoes() throws Exception {
        List<String> texts = split.dev().stream().limit(3000).map(LabelledTweet::text).toList();
        ModelSentimentScorer scorer = new ModelSentimentScorer("v1", dir);
        ModelSentimentScorer copy = (ModelSentimentScorer) roundTrip(scorer);
        try (SentimentModel m = SentimentModel.load(dir)) {
            assertThat(copy.label(texts)).isEqualTo(m.folded().label(texts));
        }
        assertThat(copy.version()).isEqualTo("v1");
    }

    @Test
    void theFoldedTableLabelsAsTheEnginesForwardPass() throws Exception {
        List<String> texts = java.util.stream.Stream.of(split.train(), split.dev(), split.holdout())
                .flatMap(List::stream).map(LabelledTweet::text).toList();
        try (SentimentModel m = SentimentModel.load(dir)) {
            FoldedLabeller folded = m.folded();
            // the class scores agree to float rounding, text by text
            List<String> sample = texts.subList(0, 2_000);
            float[] engine = scores(m, sample);
            double[] mine = new double[3];
            for (int i = 0; i < sample.size(); i++) {
                folded.scores(sample.get(i), mine);
                for (int c = 0; c < 3; c++) {
                    assertThat(mine[c]).as("text %d class %d", i, c).isCloseTo(engine[3 * i + c], within(1e-5));
                }
            }
            // and so the labels, over every labelled tweet, but where the engine's best two scores are that close
            List<Sentiment> byEngine = m.engineLabels(texts);
            List<Sentiment> byTable = folded.label(texts);
            int differ = 0;
            for (int i = 0; i < texts.size(); i++) {
                if (byEngine.get(i) != byTable.get(i)) {
                    differ++;
                    float[] s = scores(m, List.of(texts.get(i)));
                    assertThat(Math.abs(s[byEngine.get(i).ordinal()] - s[byTable.get(i).ordinal()]))
                            .as("a label that differs is a near tie: %s", texts.get(i)).isLessThan(1e-5f);
                }
            }
            System.out.printf("folded table against the forward pass: %d of %d labels differ%n", differ, texts.size());
        }
    }

    private static float[] scores(SentimentModel m, List<String> texts) {
        try (var scope = m.djlModel().getNDManager().newSubManager()) {
            return m.scores(scope, texts).toFloatArray();
        }
    }

    private static Object roundTrip(java.io.Serializable o) throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (var in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}
