package io.trendwatch.model.sentiment;

import io.trendwatch.core.sentiment.Sentiment;
import io.trendwatch.core.source.SemEvalTweet;
import io.trendwatch.core.source.Snowflake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The labelled tweets of a folder of SemEval subtask-A files, each id once
 * (the first file in name order wins), split by a hash of the id so that the
 * split is the same on every machine and a tweet never sits on both sides.
 *
 * <p>Tweets from November–December 2016 are refused outright: that is when the
 * evaluation tweets were collected, and none of them may reach training.
 */
public final class LabelledCorpus {

    /**
     * The cut of the time-ordered evaluation: tweets before it train and tune, the 11,566 tweets after it (11,661
     * lines, some ids twice; to the end of 2015, the newest labelled tweets) are the later period the model never saw.
     */
    public static final Instant TIME_CUT = Instant.parse("2015-09-05T00:00:00Z");

    /** Where the evaluation tweets were collected; nothing from this window is used. */
    public static final Instant EVAL_FROM = Instant.parse("2016-11-01T00:00:00Z");
    static final Instant EVAL_TO = Instant.parse("2017-01-01T00:00:00Z");

    private final List<LabelledTweet> tweets;
    private final int duplicates;
    private final int refusedEvaluationWindow;
    private final int unreadable;

    private LabelledCorpus(List<LabelledTweet> tweets, int duplicates, int refused, int unreadable) {
        this.tweets = List.copyOf(tweets);
        this.duplicates = duplicates;
        this.refusedEvaluationWindow = refused;
        this.unreadable = unreadable;
    }

    public static LabelledCorpus read(Path dir) throws IOException {
        SemEvalFiles files = SemEvalFiles.read(dir);
        List<LabelledTweet> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        int duplicates = 0;
        for (SemEvalTweet t : files.tweets()) {
            if ("off topic".equals(t.label())) {
                continue;
            }
            if (!seen.add(t.id())) {
                duplicates++;
                continue;
            }
            out.add(new LabelledTweet(t.id(), Sentiment.parse(t.label()), t.text()));
        }
        return new LabelledCorpus(out, duplicates, files.refused(), files.unreadable());
    }

    public static LabelledCorpus of(List<LabelledTweet> tweets) {
        return new LabelledCorpus(tweets, 0, 0, 0);
    }

    public List<LabelledTweet> tweets() {
        return tweets;
    }

    public int duplicates() {
        return duplicates;
    }

    public int refusedEvaluationWindow() {
        return refusedEvaluationWindow;
    }

    public int unreadable() {
        return unreadable;
    }

    /**
     * The time-ordered split, the way a model is used: train and dev (the latest {@code devPercent} of them, for
     * choosing the epoch) are the tweets created before {@code cut}, the holdout every tweet at or after it. A random
     * split puts tweets of the same days and events on both sides and flatters the model.
     */
    public Split splitByTime(Instant cut, int devPercent) {
        List<LabelledTweet> before = new ArrayList<>();
        List<LabelledTweet> after = new ArrayList<>();
        for (LabelledTweet t : tweets) {
            (Snowflake.createdAt(t.id()).isBefore(cut) ? before : after).add(t);
        }
        // Snowflake ids grow with time: ordering by id is ordering by creation time
        before.sort(java.util.Comparator.comparingLong(LabelledTweet::id));
        after.sort(java.util.Comparator.comparingLong(LabelledTweet::id));
        int dev = before.size() * devPercent / 100;
        return new Split(Split.BY_TIME + cut, new ArrayList<>(before.subList(0, before.size() - dev)),
                new ArrayList<>(before.subList(before.size() - dev, before.size())), after);
    }

    /** Train / dev (model selection) / holdout (the reported figure), by id hash. */
    public Split split(int devPercent, int holdoutPercent) {
        List<LabelledTweet> train = new ArrayList<>();
        List<LabelledTweet> dev = new ArrayList<>();
        List<LabelledTweet> holdout = new ArrayList<>();
        for (LabelledTweet t : tweets) {
            int slot = (int) Long.remainderUnsigned(SentimentFeatures.mix(t.id()), 100);
            if (slot < holdoutPercent) {
                holdout.add(t);
            } else if (slot < holdoutPercent + devPercent) {
                dev.add(t);
            } else {
                train.add(t);
            }
        }
        return new Split("id", train, dev, holdout);
    }

    /** {@code kind} names the split in the model card: {@code id}, or {@code time@} and the cut. */
    public record Split(String kind, List<LabelledTweet> train, List<LabelledTweet> dev, List<LabelledTweet> holdout) {

        /** How a time split's kind begins; the cut follows. */
        public static final String BY_TIME = "time@";

        public boolean byTime() {
            return kind.startsWith(BY_TIME);
        }
    }
}
