package io.trendwatch.model.sentiment;

import io.trendwatch.core.source.SemEvalTweet;
import io.trendwatch.core.source.Snowflake;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The tweets of a folder of SemEval TSV files, read one way for training and evaluation: files in name order, lines
 * in file order, unreadable lines counted, and the tweets created in the task's evaluation period
 * ({@link LabelledCorpus#EVAL_FROM} to {@link LabelledCorpus#EVAL_TO}) refused here, wherever they are found, so no
 * model is trained, tuned or measured on them.
 *
 * @param tweets     the readable tweets outside the evaluation period, in order, duplicates included
 * @param refused    tweets of the evaluation period left out
 * @param unreadable lines that are not a SemEval tweet
 */
public record SemEvalFiles(List<SemEvalTweet> tweets, int refused, int unreadable) {

    public static SemEvalFiles read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("folder " + dir + " not found; pass --data or set TRENDWATCH_SHARED_DIR");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".tsv")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no .tsv files in " + dir);
        }
        List<SemEvalTweet> out = new ArrayList<>();
        int refused = 0;
        int unreadable = 0;
        for (Path f : files) {
            try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
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
                    Instant created = Snowflake.createdAt(t.id());
                    if (!created.isBefore(LabelledCorpus.EVAL_FROM) && created.isBefore(LabelledCorpus.EVAL_TO)) {
                        refused++;
                        continue;
                    }
                    out.add(t);
                }
            }
        }
        return new SemEvalFiles(out, refused, unreadable);
    }
}
