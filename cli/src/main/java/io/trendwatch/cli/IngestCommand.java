package io.trendwatch.cli;

import io.trendwatch.core.config.PostsTopicOptions;
import io.trendwatch.cli.kafka.KafkaSettings;
import io.trendwatch.cli.kafka.PostPublisher;
import io.trendwatch.core.ExitCodes;
import io.trendwatch.core.post.ParseResult;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.post.PostCodec;
import io.trendwatch.core.post.RejectReason;
import io.trendwatch.core.source.PostFileReader;
import io.trendwatch.core.source.PostFormat;
import io.trendwatch.core.source.SourceRecord;
import me.tongfei.progressbar.ProgressBar;
import io.trendwatch.store.cli.ProgressOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** {@code trendwatch ingest FILE...}: publishes posts from files to the posts topic. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Publish posts from files to the posts topic (key = post id, value = wire-format JSON).",
                "Formats: JSON Lines (.jsonl/.json), CSV with a header (.csv), SemEval TSV (.tsv/.txt);"
                        + " gzip-compressed files (.gz) too. SemEval posts get created_at from the Snowflake id.",
                "Records that fail to parse are reported with their line number and skipped."})
public final class IngestCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Files to publish, in order")
    List<Path> files;

    @Option(names = "--format", description = "jsonl, csv or semeval (default: from each file's name)")
    String format;

    @Option(names = "--replay-speed", paramLabel = "N",
            description = "Replay in created_at order, N times faster than real time (default: as fast as possible, in file order)")
    Double replaySpeed;

    @Mixin
    PostsTopicOptions posts;

    @Mixin
    ProgressOption progress;

    @Option(names = "--max-errors-shown", defaultValue = "20", description = "Rejected lines to print per file (default: ${DEFAULT-VALUE})")
    int maxErrorsShown;

    @Spec
    CommandSpec spec;

    private final PostCodec codec = new PostCodec();
    private PrintWriter out;
    private PrintWriter err;

    @Override
    public Integer call() throws IOException, InterruptedException {
        out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        if (replaySpeed != null && !(replaySpeed > 0)) {
            err.println("--replay-speed must be positive");
            return ExitCodes.BAD_INPUT;
        }
        for (Path f : files) {
            if (!Files.isReadable(f)) {
                err.println("cannot read " + f);
                return ExitCodes.BAD_INPUT;
            }
        }
        KafkaSettings settings = KafkaSettings.fromEnvironment(System.getenv())
                .withBootstrap(posts.bootstrap()).withPostsTopic(posts.topic());
        long started = System.nanoTime();
        Tally tally = new Tally();
        try (PostPublisher publisher = PostPublisher.open(settings, codec)) {
            if (replaySpeed == null) {
                for (Path f : files) {
                    readFile(f, post -> publisher.publish(post), tally);
                }
            } else {
                replay(publisher, tally);
            }
            publisher.flush();
            double seconds = (System.nanoTime() - started) / 1e9;
            out.printf("ingested %d posts into '%s' at %s in %.1f s; %d rejected%s%n", publisher.sent(),
                    settings.postsTopic(), settings.bootstrapServers(), seconds, tally.rejected(), tally.byReason());
            if (publisher.failed() > 0) {
                err.println(publisher.failed() + " posts could not be published: " + publisher.firstFailure());
                return 1;
            }
            return 0;
        }
    }

    /** Reads all files, then publishes in created_at order, paced at replaySpeed × real time. */
    private void replay(PostPublisher publisher, Tally tally) throws IOException, InterruptedException {
        List<Post> posts = new ArrayList<>();
        for (Path f : files) {
            readFile(f, posts::add, tally);
        }
        posts.sort(Comparator.comparing(Post::createdAt));
        if (posts.isEmpty()) {
            return;
        }
        long firstEvent = posts.get(0).createdAt().toEpochMilli();
        long wallStart = System.nanoTime();
        try (ProgressBar bar = progress.open("replay", posts::size, " posts")) {
            for (Post p : posts) {
                long dueNanos = (long) ((p.createdAt().toEpochMilli() - firstEvent) * 1e6 / replaySpeed);
                long waitNanos = dueNanos - (System.nanoTime() - wallStart);
                if (waitNanos > 1_000_000) {
                    Thread.sleep(waitNanos / 1_000_000);
                }
                publisher.publish(p);
                if (bar != null) {
                    bar.step();
                }
            }
        }
    }

    private void readFile(Path f, Consumer<Post> sink, Tally tally) throws IOException {
        PostFormat fmt = format != null ? PostFormat.parse(format) : PostFormat.detect(f);
        PostFileReader reader = new PostFileReader(codec);
        int[] shown = {0};
        try (ProgressBar bar = progress.open(f.getFileName().toString(), () -> countRecords(f, fmt), " posts")) {
            reader.read(f, fmt, (SourceRecord r) -> {
                if (r.result() instanceof ParseResult.Accepted a) {
                    sink.accept(a.post());
                } else if (r.result() instanceof ParseResult.Rejected rej) {
                    tally.reject(rej.reason());
                    if (shown[0]++ < maxErrorsShown) {
                        err.printf("%s:%d: skipped, %s%n", f, r.line(), rej);
                    }
                }
                if (bar != null) {
                    bar.step();
                }
            });
        }
        if (shown[0] > maxErrorsShown) {
            err.printf("%s: %d more rejected lines not shown%n", f, shown[0] - maxErrorsShown);
        }
    }

    private static long countRecords(Path file, PostFormat format) {
        try {
            return PostFileReader.countRecords(file, format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rejections by reason, for the closing summary. */
    private static final class Tally {
        private final Map<RejectReason, Long> counts = new EnumMap<>(RejectReason.class);

        void reject(RejectReason reason) {
            counts.merge(reason, 1L, Long::sum);
        }

        long rejected() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }

        String byReason() {
            return counts.isEmpty() ? "" : " " + counts;
        }
    }
}
