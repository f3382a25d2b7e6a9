package io.trendwatch.cli;

import io.trendwatch.core.config.PostsTopicOptions;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.trendwatch.cli.kafka.KafkaSettings;
import io.trendwatch.cli.kafka.PostPublisher;
import io.trendwatch.core.ExitCodes;
import io.trendwatch.core.config.SharedDataFolder;
import io.trendwatch.core.generate.Corpus;
import io.trendwatch.core.generate.GeneratorSpec;
import io.trendwatch.core.generate.InjectedBurst;
import io.trendwatch.core.generate.StreamGenerator;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.post.PostCodec;
import io.trendwatch.core.source.SemEvalFolder;
import io.trendwatch.core.time.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code trendwatch generate}: a realistic, reproducible post stream with injected bursts. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Emit realistic posts built from real tweet texts: Zipf-distributed hashtags, a daily cycle,"
                + " and injected bursts (a hashtag rising N-fold for M minutes).",
                "To Kafka, paced in real time; or with --output to a JSON Lines file at full speed with the same timestamps.",
                "The bursts (the ground truth) go to --truth. The same --seed and --start give byte-identical output."})
public final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--rate", required = true, description = "Mean posts per second")
    double rate;

    @Option(names = "--duration", required = true, converter = DurationConverter.class,
            description = "How much stream time to generate: 90s, 10m, 2h, 1d")
    Duration duration;

    @Option(names = "--output", description = "Write JSON Lines here instead of publishing to Kafka")
    Path output;

    @Option(names = "--truth", description = "Where the injected bursts go (default: OUTPUT.truth.jsonl, or ./generated-truth.jsonl)")
    Path truth;

    @Option(names = "--seed", description = "Random seed (default: random, printed)")
    Long seed;

    @Option(names = "--start", description = "Timestamp of the first second, ISO-8601 (default: now)")
    String start;

    @Option(names = "--bursts", defaultValue = "3", description = "Number of injected bursts (default: ${DEFAULT-VALUE})")
    int bursts;

    @Option(names = "--burst-factor", defaultValue = "10", description = "How many times more often a burst term appears (default: ${DEFAULT-VALUE})")
    double burstFactor;

    @Option(names = "--burst-minutes", defaultValue = "15", description = "Length of each burst in minutes, at most a quarter of --duration (default: ${DEFAULT-VALUE})")
    long burstMinutes;

    @Option(names = "--new-term-burst", paramLabel = "TERM,START,MINUTES,SIZE",
            description = "A burst of a term that appears nowhere else (most real trends are new terms): TERM from minute"
                    + " START of the stream for MINUTES, SIZE times as frequent as the average hashtag, e.g."
                    + " '#springlaunch,140,40,20'. Repeatable.")
    List<String> newTermBursts = new ArrayList<>();

    @Option(names = "--corpus", description = "Folder of SemEval TSV files whose texts are used "
            + "(default: $TRENDWATCH_SHARED_DIR/data/semeval2017-task4/subtask-a)")
    Path corpusDir;

    @Mixin
    PostsTopicOptions posts;

    @Spec
    CommandSpec spec;

    private final PostCodec codec = new PostCodec();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(rate > 0) || bursts < 0 || !(burstFactor >= 1) || burstMinutes < 1) {
            err.println("--rate must be positive, --bursts >= 0, --burst-factor >= 1, --burst-minutes >= 1");
            return ExitCodes.BAD_INPUT;
        }
        Instant first;
        try {
            first = start == null ? Instant.now().truncatedTo(ChronoUnit.SECONDS) : Instant.parse(start);
        } catch (DateTimeParseException e) {
            err.println("--start must be an ISO-8601 instant such as 2016-11-25T00:00:00Z");
            return ExitCodes.BAD_INPUT;
        }
        long actualSeed = seed != null ? seed : new java.security.SecureRandom().nextLong();
        Path dir = corpusDir != null ? corpusDir : SharedDataFolder.semEvalSubtaskA();
        Corpus corpus = loadCorpus(dir);
        GeneratorSpec spec = GeneratorSpec.of(rate, duration, first, actualSeed)
                .withBursts(bursts, burstFactor, Duration.ofMinutes(burstMinutes));
        List<InjectedBurst> newTerms = new ArrayList<>();
        for (String b : newTermBursts) {
            String[] f = b.split(",");
            try {
                if (f.length != 4 || !f[0].strip().startsWith("#") || Long.parseLong(f[1].strip()) < 0
                        || Long.parseLong(f[2].strip()) < 1 || !(Double.parseDouble(f[3].strip()) > 0)) {
                    throw new IllegalArgumentException(b);
                }
                newTerms.add(StreamGenerator.newTermBurst(spec, f[0].strip().toLowerCase(java.util.Locale.ROOT),
                        first.plus(Duration.ofMinutes(Long.parseLong(f[1].strip()))),
                        Duration.ofMinutes(Long.parseLong(f[2].strip())), Double.parseDouble(f[3].strip())));
            } catch (IllegalArgumentException e) {
                err.println("--new-term-burst must be #TERM,START_MINUTE,MINUTES,SIZE (e.g. '#springlaunch,140,40,20'), got '" + b + "'");
                return ExitCodes.BAD_INPUT;
            }
        }
        StreamGenerator generator;
        try {
            generator = new StreamGenerator(spec, corpus, newTerms);
        } catch (IllegalArgumentException e) {
            err.println("--new-term-burst: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        Path truthFile = truth != null ? truth
                : output != null ? output.resolveSibling(output.getFileName() + ".truth.jsonl")
                : Path.of("generated-truth.jsonl");
        writeTruth(truthFile, generator.bursts());
        err.printf("seed %d, start %s, %d texts, %d hashtags; truth: %s%n", actualSeed, first,
                corpus.texts().size(), generator.vocabulary().size(), truthFile);
        long[] count = {0};
        if (output != null) {
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(output), 1 << 16)) {
                generator.generate((second, posts) -> {
                    for (Post p : posts) {
                        file.write(codec.encode(p));
                        file.write('\n');
                    }
                    count[0] += posts.size();
                });
            }
            out.printf("wrote %d posts to %s%n", count[0], output);
            return 0;
        }
        KafkaSettings settings = KafkaSettings.fromEnvironment(System.getenv()).withBootstrap(posts.bootstrap()).withPostsTopic(posts.topic());
        try (PostPublisher publisher = PostPublisher.open(settings, codec)) {
            long wallStart = System.currentTimeMillis();
            long firstSecond = first.getEpochSecond();
            generator.generate((second, posts) -> {
                long due = wallStart + (second.getEpochSecond() - firstSecond) * 1000;
                long wait = due - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                posts.forEach(publisher::publish);
                count[0] += posts.size();
            });
            publisher.flush();
            out.printf("published %d posts to '%s'%n", publisher.sent(), settings.postsTopic());
            return publisher.failed() == 0 ? 0 : 1;
        }
    }

    static Corpus loadCorpus(Path dir) throws IOException {
        return Corpus.of(SemEvalFolder.posts(dir));
    }

    private static void writeTruth(Path file, List<InjectedBurst> bursts) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
             JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
            for (InjectedBurst b : bursts) {
                g.writeStartObject();
                g.writeStringField("term", b.term());
                g.writeStringField("start", b.start().toString());
                g.writeStringField("end", b.end().toString());
                g.writeNumberField("factor", b.factor());
                g.writeNumberField("base_per_minute", b.basePerMinute());
                g.writeNumberField("burst_per_minute", b.burstPerMinute());
                g.writeEndObject();
            }
            g.writeRaw('\n');
        }
    }

    /** picocli converter for the short duration syntax. */
    public static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Durations.parse(value);
        }
    }
}
