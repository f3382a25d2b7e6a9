package io.trendwatch.model.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.trendwatch.core.sentiment.Sentiment;
import io.trendwatch.model.registry.ModelRecord;
import io.trendwatch.model.registry.PromotedSentiment;
import io.trendwatch.model.registry.Promotion;
import io.trendwatch.model.sentiment.SentimentModel;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code model predict}: labels every line of a TSV file, in input order. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Label the texts of a TSV file with a sentiment model.",
                "Input lines: id<TAB>text, or the SemEval layout id<TAB>label<TAB>text (the label is ignored).",
                "Output: id<TAB>negative|neutral|positive, one line per input line, in input order."})
public final class PredictCommand implements Callable<Integer> {

    private static final java.util.Set<String> SEMEVAL_LABELS = java.util.Set.of("negative", "neutral", "positive", "off topic");

    @Mixin
    ModelOptions options;

    @Option(names = "--model", defaultValue = "latest",
            description = "VERSION, 'latest' (newest on disk) or 'promoted' (in use; needs Cassandra) (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--input", required = true, description = "TSV file to label")
    Path input;

    @Option(names = "--output", required = true, description = "Where to write id<TAB>label lines")
    Path output;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(input)) {
            throw new IllegalArgumentException("input file " + input + " not found");
        }
        Path dir = resolveModel();
        List<String> lines = Files.readAllLines(input, StandardCharsets.UTF_8);
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1); // a final newline is not a line
        }
        List<String> ids = new ArrayList<>(lines.size());
        List<String> texts = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t", -1);
            if (f.length < 2) {
                throw new IllegalArgumentException(input + " line " + (i + 1) + ": expected id<TAB>text");
            }
            ids.add(f[0]);
            int from = f.length >= 3 && SEMEVAL_LABELS.contains(f[1]) ? 2 : 1;
            texts.add(String.join("\t", java.util.Arrays.copyOfRange(f, from, f.length)));
        }
        long start = System.nanoTime();
        try (SentimentModel m = SentimentModel.load(dir);
             BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.UTF_8);
             ProgressBar bar = new ProgressBarBuilder().setTaskName("predict").setInitialMax(texts.size())
                     .setStyle(ProgressBarStyle.ASCII).setUnit(" posts", 1).continuousUpdate().build()) {
            for (int from = 0; from < texts.size(); from += SentimentModel.BATCH) {
                int to = Math.min(texts.size(), from + SentimentModel.BATCH);
                List<Sentiment> labels = m.label(texts.subList(from, to));
                for (int i = from; i < to; i++) {
                    out.write(ids.get(i));
                    out.write('\t');
                    out.write(labels.get(i - from).label());
                    out.write('\n');
                }
                bar.stepTo(to);
            }
        }
        System.err.printf("labelled %d lines with %s in %.1f s -> %s%n", texts.size(), dir.getFileName(),
                (System.nanoTime() - start) / 1e9, output);
        return 0;
    }

    private Path resolveModel() throws IOException {
        String name = PromotedSentiment.NAME;
        if ("latest".equals(model)) {
            String v = options.models().latest(name).orElseThrow(() -> new IllegalArgumentException(
                    "no sentiment model in " + options.models().root() + "; run: trendwatch model train-sentiment"));
            return options.models().dir(name, v);
        }
        if ("promoted".equals(model)) {
            try (CqlSession session = options.connect()) {
                var registry = options.registry(session);
                Promotion p = registry.inUse(name).orElseThrow(() ->
                        new IllegalArgumentException("no sentiment model is promoted yet"));
                ModelRecord r = registry.find(name, p.version()).orElseThrow();
                return Path.of(r.artifact());
            }
        }
        Path dir = options.models().dir(name, model);
        if (!Files.isRegularFile(dir.resolve("model.json"))) {
            throw new IllegalArgumentException("no sentiment model version " + model + " in " + options.models().root());
        }
        return dir;
    }
}
