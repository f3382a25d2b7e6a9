package io.trendwatch.model.cli;

import io.trendwatch.core.ExitCodes;
import io.trendwatch.core.config.SharedDataFolder;
import io.trendwatch.core.sentiment.PolarityRates;
import io.trendwatch.core.sentiment.Sentiment;
import io.trendwatch.core.source.SemEvalTweet;
import io.trendwatch.core.source.Snowflake;
import io.trendwatch.model.registry.PromotedSentiment;
import io.trendwatch.model.sentiment.LabelledCorpus;
import io.trendwatch.model.sentiment.LabelledTweet;
import io.trendwatch.model.sentiment.SemEvalFiles;
import io.trendwatch.model.sentiment.SentimentModel;
import io.trendwatch.model.sentiment.TopicShares;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code model evaluate-shares}: how close each topic's positive share, estimated from a model's labels, comes to
 * the truth on the topic-labelled tweets (SemEval subtask D). Only a model trained on the time split can be
 * evaluated honestly: the topic tweets after its cut are ones it never saw, and its dev split (before the cut)
 * measures the bias the adjusted count removes.
 */
@Command(name = "evaluate-shares", mixinStandardHelpOptions = true,
        description = {"Estimate each topic's positive share from a model's labels (classify and count, and the count "
                + "adjusted by the model's measured rates) on the topic-labelled tweets after the model's time-split cut, "
                + "and print the mean absolute error and KLD against the true shares.",
                "The model must come from train-sentiment --split time (an id-split model was trained on most of them)."})
public final class EvaluateSharesCommand implements Callable<Integer> {

    @Mixin
    ModelOptions options;

    @Option(names = "--model", defaultValue = "latest", description = "A model version in the models folder, or latest (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--data", description = "Folder of SemEval subtask B/D TSV files "
            + "(default: $TRENDWATCH_SHARED_DIR/data/semeval2017-task4/subtask-bd, or ../shared/...)")
    Path data;

    @Option(names = "--labelled", description = "Folder of the subtask-A files the model's split came from "
            + "(default: $TRENDWATCH_SHARED_DIR/data/semeval2017-task4/subtask-a, or ../shared/...)")
    Path labelled;

    @Option(names = "--topics", description = "Write each topic's true and estimated shares here (TSV)")
    Path topicsOut;

    @Override
    public Integer call() throws IOException {
        String name = PromotedSentiment.NAME;
        String version = "latest".equals(model) ? options.models().latest(name).orElseThrow(() ->
                new IllegalArgumentException("no sentiment model in " + options.models().root())) : model;
        Path dir = options.models().dir(name, version);
        try (SentimentModel m = SentimentModel.load(dir)) {
            String split = m.card().params().getOrDefault("split", "id");
            if (!split.startsWith(LabelledCorpus.Split.BY_TIME)) {
                System.err.println("model " + version + " was trained on the split by id: most topic tweets were in its "
                        + "training set. Train one for this with: trendwatch model train-sentiment --split time");
                return ExitCodes.BAD_INPUT;
            }
            Instant cut = Instant.parse(split.substring(LabelledCorpus.Split.BY_TIME.length()));
            LabelledCorpus corpus = LabelledCorpus.read(labelled != null ? labelled : SharedDataFolder.semEvalSubtaskA());
            List<LabelledTweet> dev = corpus.splitByTime(cut, 10).dev();
            PolarityRates rates = PolarityRates.of(dev.stream().map(LabelledTweet::label).toList(),
                    m.folded().label(dev.stream().map(LabelledTweet::text).toList()));

            List<SemEvalTweet> topicTweets = topicTweetsAfter(data != null ? data : SharedDataFolder.semEvalSubtaskBd(), cut);
            List<Sentiment> predicted = m.folded().label(topicTweets.stream().map(SemEvalTweet::text).toList());
            List<TopicShares.Labelled> posts = new ArrayList<>();
            for (int i = 0; i < topicTweets.size(); i++) {
                posts.add(new TopicShares.Labelled(topicTweets.get(i).topic(), Sentiment.parse(topicTweets.get(i).label()),
                        predicted.get(i)));
            }
            TopicShares.Result r = TopicShares.evaluate(posts, rates);
            System.out.printf("model %s (split %s); rates on its dev split (%d positive, %d negative): tpr %.4f, fpr %.4f%n",
                    version, split, rates.positives(), rates.negatives(), rates.tpr(), rates.fpr());
            System.out.printf("%d topics, %d positive or negative tweets created at or after %s%n",
                    r.topics().size(), r.topics().stream().mapToInt(TopicShares.Topic::posts).sum(), cut);
            System.out.printf("classify and count: MAE %.4f, KLD %.4f%n", r.classifyAndCount().mae(), r.classifyAndCount().kld());
            System.out.printf("adjusted count:     MAE %.4f, KLD %.4f%n", r.adjusted().mae(), r.adjusted().kld());
            if (topicsOut != null) {
                List<String> lines = new ArrayList<>(List.of("topic\tposts\ttruth\tclassify_and_count\tadjusted"));
                r.topics().forEach(t -> lines.add(String.format(java.util.Locale.ROOT, "%s\t%d\t%.4f\t%.4f\t%.4f",
                        t.topic(), t.posts(), t.truth(), t.classifyAndCount(), t.adjusted())));
                Files.write(topicsOut, lines, StandardCharsets.UTF_8);
            }
            return 0;
        }
    }

    /** Positive or negative topic tweets created at or after {@code cut}, each id once, never from Nov–Dec 2016. */
    static List<SemEvalTweet> topicTweetsAfter(Path dir, Instant cut) throws IOException {
        Set<Long> seen = new HashSet<>();
        List<SemEvalTweet> out = new ArrayList<>();
        for (SemEvalTweet t : SemEvalFiles.read(dir).tweets()) {
            Instant created = Snowflake.createdAt(t.id());
            // nothing from the evaluation period on, even past its end
            if (t.topic() == null || created.isBefore(cut) || !created.isBefore(LabelledCorpus.EVAL_FROM)
                    || !("positive".equals(t.label()) || "negative".equals(t.label())) || !seen.add(t.id())) {
                continue;
            }
            out.add(t);
        }
        return out;
    }
}
