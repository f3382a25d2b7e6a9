package io.trendwatch.model.sentiment;

import io.trendwatch.core.sentiment.PolarityRates;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The figure the promotion gate compares: the same settings trained and tuned only on the tweets created before a
 * cut, measured on every tweet after it. A model is used on next month's posts, about new events; a random split puts
 * tweets of the same days on both sides and flatters it (by 5.5 points of AvgRec here). The model this trains is
 * thrown away: what is kept is how well its recipe holds up on a later period.
 */
public final class TimeSplitCheck {

    /** The gated figure: AvgRec on the tweets after the cut. */
    public static final String AVG_RECALL = "time_avg_recall";

    private final TrainingParams params;
    private final Instant cut;
    private final Consumer<String> log;

    public TimeSplitCheck(TrainingParams params, Instant cut, Consumer<String> log) {
        this.params = params;
        this.cut = cut;
        this.log = log;
    }

    /**
     * Trains on the tweets before the cut and returns the figures on those after it, named as the card keeps them,
     * and the model's positive/negative rates on its dev tweets (before the cut, never trained on), which the API's
     * adjusted shares use.
     */
    public Map<String, Double> measure(LabelledCorpus corpus) throws IOException {
        LabelledCorpus.Split split = corpus.splitByTime(cut, 10);
        if (split.holdout().isEmpty()) {
            throw new IllegalArgumentException("no labelled tweet is dated at or after the time split's cut " + cut);
        }
        Path scratch = Files.createTempDirectory("trendwatch-time-split");
        try {
            SentimentTrainer.Result result = new SentimentTrainer(params, line -> log.accept("time split: " + line))
                    .train(split, "time-split-check", scratch);
            PolarityRates rates = result.devRates();
            log.accept(String.format(java.util.Locale.ROOT, "time split: rates on its dev tweets (%d positive, %d negative): "
                    + "tpr %.4f, fpr %.4f", rates.positives(), rates.negatives(), rates.tpr(), rates.fpr()));
            return metrics(result.holdout(), rates);
        } finally {
            SentimentTrainer.deleteTree(scratch);
        }
    }

    static Map<String, Double> metrics(Recall later, PolarityRates rates) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(AVG_RECALL, later.avgRec());
        m.put("time_f1_pn", later.f1pn());
        m.put("time_accuracy", later.accuracy());
        m.putAll(rates.metrics());
        return m;
    }
}
