package io.trendwatch.model.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.trendwatch.core.ExitCodes;
import io.trendwatch.core.config.SharedDataFolder;
import io.trendwatch.model.registry.PromotedSentiment;
import io.trendwatch.model.sentiment.FeatureSpec;
import io.trendwatch.model.sentiment.LabelledCorpus;
import io.trendwatch.model.sentiment.ModelCard;
import io.trendwatch.model.sentiment.SentimentTrainer;
import io.trendwatch.model.sentiment.TimeSplitCheck;
import io.trendwatch.model.sentiment.TrainingParams;
import io.trendwatch.store.models.ModelRegistry;
import io.trendwatch.store.models.Promotion;
import io.trendwatch.store.models.PromotionRefusedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code model train-sentiment}: trains, evaluates, registers and (if not worse) promotes a sentiment model. */
@Command(name = "train-sentiment", mixinStandardHelpOptions = true,
        description = {"Train the sentiment model on the labelled SemEval tweets (offline, CPU).",
                "Splits by tweet id: 80%% train, 10%% dev (picks the epoch), 10%% holdout (avg_recall).",
                "First the same settings are trained on the tweets before --cut and measured on",
                "those after it (time_avg_recall). The model is registered, then promoted if",
                "that figure is not worse than the one in use's (the random split's AvgRec",
                "when the model in use has none)."})
public final class TrainSentimentCommand implements Callable<Integer> {

    @Mixin
    ModelOptions options;

    @Option(names = "--data", description = "Folder of SemEval subtask-A TSV files "
            + "(default: $TRENDWATCH_SHARED_DIR/data/semeval2017-task4/subtask-a, or ../shared/...)")
    Path data;

    @Option(names = "--dim", description = "Embedding size (default: " + TrainingParams.DIM + ")")
    int dim = TrainingParams.DIM;

    @Option(names = "--epochs", description = "Most passes over the training split; the best on dev is kept (default: " + TrainingParams.EPOCHS + ")")
    int epochs = TrainingParams.EPOCHS;

    @Option(names = "--buckets", description = "Hashed feature table size (default: " + FeatureSpec.BUCKETS + ")")
    int buckets = FeatureSpec.BUCKETS;

    @Option(names = "--learning-rate", description = "Adam learning rate (default: " + TrainingParams.LEARNING_RATE + ")")
    float learningRate = TrainingParams.LEARNING_RATE;

    @Option(names = "--batch-size", description = "Tweets per training step (default: " + TrainingParams.BATCH_SIZE + ")")
    int batchSize = TrainingParams.BATCH_SIZE;

    @Option(names = "--seed", description = "Random seed (default: " + TrainingParams.SEED + ")")
    long seed = TrainingParams.SEED;

    @Option(names = "--split", defaultValue = "id", description = "id: 80/10/10 by a hash of the tweet id (the model "
            + "put in use; its holdout AvgRec is avg_recall); time: train and tune on the tweets before --cut, report "
            + "on those after it (registered, never promoted) (default: ${DEFAULT-VALUE})")
    String splitKind;

    @Option(names = "--cut", description = "The time split's cut (default: 2015-09-05, leaving 11,566 later tweets)")
    Instant cut = LabelledCorpus.TIME_CUT;

    @Option(names = "--char-ngrams", description = "Character n-grams of each word, MIN..MAX, or none (default: "
            + "3..5)")
    String charNgrams = FeatureSpec.DEFAULT.charMin() + ".." + FeatureSpec.DEFAULT.charMax();

    // picocli turns an on-by-default switch off with --no-… only when the default is declared here, not as the
    // field's first value (TrainSentimentOptionsTest; the cues' default is FeatureSpec.DEFAULT's)
    @Option(names = "--cues", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Lexicon, negation and emphasis cues as features too (default: on)")
    boolean cues;

    @Option(names = "--time-check", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Measure the settings on the time split too (time_avg_recall, the figure the gate compares; "
                    + "as long again as the training). --no-time-check suits a first model, with none in use: the next "
                    + "candidate is compared with it on the random split's AvgRec; a model without the figure is never "
                    + "promoted over one that has it, unless forced (default: on)")
    boolean timeCheck;

    @Option(names = "--force", description = "Promote even if the model scores worse than the one in use")
    boolean force;

    @Option(names = "--no-promote", description = "Register the model but leave the one in use")
    boolean noPromote;

    @Option(names = "--no-registry", description = "Only train and save the artifact (no Cassandra needed; "
            + "trendwatch model register DIR registers it later)")
    boolean noRegistry;

    @Override
    public Integer call() throws Exception {
        Path folder = data != null ? data : SharedDataFolder.semEvalSubtaskA();
        // the registry is checked first: a missing Cassandra or schema should not cost a training run
        try (CqlSession session = noRegistry ? null : options.connect()) {
            ModelRegistry registry = session == null ? null : options.registry(session);
            LabelledCorpus corpus = LabelledCorpus.read(folder);
            boolean byTime = "time".equals(splitKind);
            if (!byTime && !"id".equals(splitKind)) {
                System.err.println("--split must be id or time, got '" + splitKind + "'");
                return ExitCodes.BAD_INPUT;
            }
            LabelledCorpus.Split split = byTime ? corpus.splitByTime(cut, 10) : corpus.split(10, 10);
            System.out.printf("%d labelled tweets from %s (%d duplicate ids dropped, %d refused from Nov-Dec 2016)%n",
                    corpus.tweets().size(), folder, corpus.duplicates(), corpus.refusedEvaluationWindow());
            System.out.printf("split%s: %d train, %d dev, %d holdout%n", byTime ? " at " + cut : " by id",
                    split.train().size(), split.dev().size(), split.holdout().size());
            int[] chars = "none".equals(charNgrams) ? new int[]{0, 0}
                    : java.util.Arrays.stream(charNgrams.split("\\.\\.")).mapToInt(Integer::parseInt).toArray();
            TrainingParams params = new TrainingParams(new FeatureSpec(buckets, FeatureSpec.DEFAULT.bigrams(), chars[0],
                            chars[chars.length - 1], FeatureSpec.DEFAULT.maxFeatures(), cues),
                    dim, epochs, batchSize, learningRate, true, seed);
            Map<String, Double> later = Map.of();
            if (timeCheck && !byTime) {
                System.out.printf("time split: the same settings on the tweets before %s, measured on those after it%n", cut);
                later = new TimeSplitCheck(params, cut, System.out::println).measure(corpus);
                System.out.printf("time split: %s %.4f%n", TimeSplitCheck.AVG_RECALL, later.get(TimeSplitCheck.AVG_RECALL));
            }
            String version = options.models().newVersion(PromotedSentiment.NAME, Instant.now());
            Path dir = options.models().dir(PromotedSentiment.NAME, version);
            SentimentTrainer.Result result = new SentimentTrainer(params, System.out::println)
                    .train(split, version, dir, later);
            System.out.printf("model %s saved to %s in %.1f s (best epoch %d)%n", version, dir,
                    result.millis() / 1000.0, result.bestEpoch());
            System.out.println("dev:     " + result.dev());
            System.out.println("holdout: " + result.holdout());
            if (registry == null) {
                return 0;
            }
            ModelCard card = result.card();
            registry.register(card.record(dir));
            if (byTime) {
                // an evaluation: trained on the tweets before the cut only, so never promoted here
                System.out.println("not promoted (--split time is an evaluation); registered: " + card.version());
                return 0;
            }
            if (noPromote) {
                // the last line is the version alone, for schedulers that promote in a later step
                System.out.println("not promoted (--no-promote); trendwatch model promote sentiment " + card.version());
                System.out.println("registered: " + card.version());
                return 0;
            }
            try {
                Promotion p = registry.promote(card.name(), card.version(), PromotedSentiment.GATE, force);
                System.out.printf("promoted %s (%s %.4f%s)%n", p.version(), p.metricName(), p.metric(),
                        p.forced() ? ", forced" : "");
            } catch (PromotionRefusedException e) {
                System.out.println(e.getMessage());
            }
            return 0;
        }
    }
}
