package io.trendwatch.model.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.trendwatch.core.sentiment.Sentiment;
import io.trendwatch.model.registry.PromotedSentiment;
import io.trendwatch.model.sentiment.FoldedLabeller;
import io.trendwatch.model.sentiment.SentimentModel;
import io.trendwatch.store.models.ModelRecord;
import io.trendwatch.store.models.Promotion;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code model predict}: labels every line of a TSV file, in input order, a batch at a time (files of any size). */
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
        long total;
        try (Stream<String> lines = Files.lines(input, StandardCharsets.UTF_8)) {
            total = lines.count();
        }
        // streamed a batch at a time; written beside the output and moved into place only when every line was good
        Path partial = output.resolveSibling(output.getFileName() + ".part");
        long start = System.nanoTime();
        long labelled = 0;
        FoldedLabeller m;
        try (SentimentModel model = SentimentModel.load(dir)) {
            m = model.folded();
        }
        try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8);
             BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8);
             ProgressBar bar = new ProgressBarBuilder().setTaskName("predict").setInitialMax(total)
                     .setStyle(ProgressBarStyle.ASCII).setUnit(" posts", 1).continuousUpdate().build()) {
            List<String> ids = new ArrayList<>(SentimentModel.BATCH);
            List<String> texts = new ArrayList<>(SentimentModel.BATCH);
            long lineNo = 0;
            long firstBlank = 0;   // empty lines are fine only at the end of the file
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (line.isEmpty()) {
                    firstBlank = firstBlank == 0 ? lineNo : firstBlank;
                    continue;
                }
                if (firstBlank != 0) {
                    throw new IllegalArgumentException(input + " line " + firstBlank + ": expected id<TAB>text");
                }
                String[] f = line.split("\t", -1);
                if (f.length < 2) {
                    throw new IllegalArgumentException(input + " line " + lineNo + ": expected id<TAB>text");
                }
                ids.add(f[0]);
                int from = f.length >= 3 && SEMEVAL_LABELS.contains(f[1]) ? 2 : 1;
                texts.add(String.join("\t", java.util.Arrays.copyOfRange(f, from, f.length)));
                if (texts.size() == SentimentModel.BATCH) {
                    labelled += write(m, ids, texts, out);
                    bar.stepTo(lineNo);
                }
            }
            labelled += write(m, ids, texts, out);
            bar.stepTo(total);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.err.printf("labelled %d lines with %s in %.1f s -> %s%n", labelled, dir.getFileName(),
                (System.nanoTime() - start) / 1e9, output);
        return 0;
    }

    /** Labels one batch, writes id<TAB>label lines in order and empties the batch. */
    private static int write(FoldedLabeller m, List<String> ids, List<String> texts, BufferedWriter out) throws IOException {
        if (texts.isEmpty()) {
            return 0;
        }
        List<Sentiment> labels = m.label(texts);
        for (int i = 0; i < ids.size(); i++) {
            out.write(ids.get(i));
            out.write('\t');
            out.write(labels.get(i).label());
            out.write('\n');
        }
        int n = ids.size();
        ids.clear();
        texts.clear();
        return n;
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
