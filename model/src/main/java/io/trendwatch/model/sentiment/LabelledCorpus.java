package io.trendwatch.model.sentiment;

import io.trendwatch.core.sentiment.Sentiment;
import io.trendwatch.core.source.SemEvalTweet;
import io.trendwatch.core.source.Snowflake;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The labelled tweets of a folder of SemEval subtask-A files, each id once
 * (the first file in name order wins), split by a hash of the id so that the
 * split is the same on every machine and a tweet never sits on both sides.
 *
 * <p>Tweets from November–December 2016 are refused outright: that is when the
 * evaluation tweets were collected, and none of them may reach training.
 */
public final class LabelledCorpus {

    /** Where the evaluation tweets were collected; nothing from this window is used. */
    static final Instant EVAL_FROM = Instant.parse("2016-11-01T00:00:00Z");
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
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("training folder " + dir
                    + " not found; pass --data or set TRENDWATCH_SHARED_DIR");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".tsv")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no .tsv files in " + dir);
        }
        List<LabelledTweet> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        int duplicates = 0;
        int refused = 0;
        int unreadable = 0;
        for (Path f : files) {
            try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    SemEvalTweet t;
                    try {
                        t = SemEvalTweet.parse(line);
                    } catch (IllegalArgumentException e) {
                        unreadable++;
                        continue;
                    }
                    if ("off topic".equals(t.label())) {
                        continue;
                    }
                    Instant created = Snowflake.createdAt(t.id());
                    if (!created.isBefore(EVAL_FROM) && created.isBefore(EVAL_TO)) {
                        refused++;
                        continue;
                    }
                    if (!seen.add(t.id())) {
                        duplicates++;
                        continue;
                    }
                    out.add(new LabelledTweet(t.id(), Sentiment.parse(t.label()), t.text()));
                }
            }
        }
        return new LabelledCorpus(out, duplicates, refused, unreadable);
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
        return new Split(train, dev, holdout);
    }

    public record Split(List<LabelledTweet> train, List<LabelledTweet> dev, List<LabelledTweet> holdout) {
    }
}
