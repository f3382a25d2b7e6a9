package io.trendwatch.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trendwatch.core.config.KafkaAddress;
import io.trendwatch.core.config.LocalFolders;
import io.trendwatch.core.generate.Corpus;
import io.trendwatch.core.generate.GeneratorSpec;
import io.trendwatch.core.generate.StreamGenerator;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.post.PostCodec;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.store.CassandraConnector;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.views.Tables;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load driver of the speed layer against the local stack (`trendwatch infra up`).
 * Starts the real speed layer (bin/trendwatch speed start) on a fresh topic,
 * keyspace and checkpoint, and measures either sustained throughput on a
 * backlog, or freshness (produce → row readable in Cassandra) at a fixed rate.
 */
@Command(name = "speed-benchmark", mixinStandardHelpOptions = true,
        description = "Measure the speed layer: throughput on a backlog, or freshness at a fixed input rate.")
public final class SpeedBenchmark implements java.util.concurrent.Callable<Integer> {

    @Mixin
    TrendwatchCommand trendwatch;

    @Option(names = "--mode", required = true, description = "throughput or freshness")
    String mode;

    @Option(names = "--posts", defaultValue = "1000000", description = "Backlog size for throughput (default: ${DEFAULT-VALUE})")
    int posts;

    @Option(names = "--rate", defaultValue = "5000", description = "Posts per second for freshness (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--seconds", defaultValue = "75", description = "Length of the freshness run (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "20", description = "Probes of the first seconds are not counted (default: ${DEFAULT-VALUE})")
    int warmupSeconds;


    @Option(names = "--speed-args", split = " ", description = "More options for `trendwatch speed start`, space-separated")
    List<String> speedArgs = new ArrayList<>();

    @Option(names = "--poll-ms", defaultValue = "50", description = "Freshness: pause between two passes that read every "
            + "awaited probe's row (default: ${DEFAULT-VALUE} ms); each read is a Cassandra read on the layer's machine")
    long pollMs;

    @Option(names = "--word-probe-posts", description = "Posts per word probe, all in one second (default: 10)")
    long wordMinPosts = 10;

    @Option(names = "--model", defaultValue = "latest", description = "Sentiment model promoted in the run's keyspace: "
            + "latest (of TRENDWATCH_MODELS), a version, or none (every post unscored) (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--keep", description = "Keep the run's topic and keyspace afterwards (default: dropped)")
    boolean keep;

    @Option(names = "--profile", description = "Throughput only: record the speed layer's JVM (a flight recording) and "
            + "print where its CPU went, per post")
    boolean profile;

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PostCodec codec = new PostCodec();
    private final String bootstrap = KafkaAddress.bootstrap(System.getenv());

    public static void main(String[] args) {
        System.exit(new CommandLine(new SpeedBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (profile && !mode.equals("throughput")) {
            System.err.println("--profile records the throughput run only (--mode throughput, bin/bench speed-throughput)");
            return 2;
        }
        String run = "bench" + System.currentTimeMillis();
        try {
            return switch (mode) {
                case "throughput" -> throughput(run);
                case "freshness" -> freshness(run);
                default -> {
                    System.err.println("--mode must be throughput or freshness");
                    yield 2;
                }
            };
        } finally {
            if (!keep) {
                dropRun(run);
            }
        }
    }

    /** Every run writes a topic and a keyspace of its own; left behind, they slow the runs after it (compactions). */
    private void dropRun(String run) {
        BenchRuns.drop(bootstrap, run, "tw_" + run);
    }

    private int throughput(String run) throws Exception {
        Corpus corpus = Corpus.of(SemEvalCorpus.posts());
        List<byte[]> values = new ArrayList<>(posts);
        List<String> keys = new ArrayList<>(posts);
        // the speed view keeps every term of every minute
        MinuteRows floor = new MinuteRows(1);
        double genRate = 2000;
        new StreamGenerator(GeneratorSpec.of(genRate, Duration.ofSeconds((long) Math.ceil(posts / genRate) + 5),
                Instant.parse("2016-11-25T12:00:00Z"), 5), corpus).generate((second, batch) -> {
            for (Post p : batch) {
                if (values.size() < posts) {
                    values.add(codec.encode(p));
                    keys.add(p.id());
                    floor.add(p);
                }
            }
        });
        System.out.printf("the views of these posts hold %,d (minute, term) rows: %.2f per post, the fewest writes"
                + " any speed layer could make (each row written once)%n", floor.rows(), floor.rows() / (double) values.size());
        long t0 = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int i = 0; i < values.size(); i++) {
                producer.send(new ProducerRecord<>(run, keys.get(i), values.get(i)));
            }
        }
        System.out.printf("backlog: %,d generated posts produced to '%s' in %.1f s%n", values.size(), run, (System.nanoTime() - t0) / 1e9);

        Path log = Files.createTempFile(run, ".log");
        Path recording = profile ? Files.createTempFile(run, ".jfr") : null;
        Process speed = startSpeed(run, log, recording, "--max-offsets-per-trigger", "100000", "--starting-offsets", "earliest");
        long started = System.nanoTime();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
            while (acceptedSoFar(log) < values.size()) {
                if (!speed.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("speed layer stopped or timed out; log: " + log);
                }
                Thread.sleep(1000);
            }
            double viewsDone = (System.nanoTime() - started) / 1e9;
            // the examples query runs on its own (slower) trigger: the backlog is done when its rows are complete too
            try (CqlSession session = CassandraConnector.connect(CassandraSettings.fromEnvironment().withKeyspace("tw_" + run))) {
                long examples = -1;
                while ((examples = exampleRows(session, "tw_" + run)) != floor.exampleRows()) {
                    if (!speed.isAlive() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("the examples are " + examples + " rows, not " + floor.exampleRows()
                                + "; log: " + log);
                    }
                    Thread.sleep(5000);
                }
                System.out.printf("wall time from the speed layer's start: views complete after %.0f s, their %,d example"
                        + " rows (the posts' own count) after %.0f s%n", viewsDone, examples, (System.nanoTime() - started) / 1e9);
            }
        } finally {
            speed.destroy();
            speed.waitFor(60, TimeUnit.SECONDS);
        }
        if (recording != null) {
            // the recording is written when the layer's JVM exits: from its start to its stop, warm-up included
            System.out.println(CpuProfile.read(recording, Runtime.getRuntime().availableProcessors(), CpuProfile.PERIOD)
                    .perPost(values.size(), "speed layer"));
            System.out.println("flight recording: " + recording);
        }
        List<JsonNode> batches = metricLines(log).stream().filter(n -> n.get("input_rows").asLong() > 0).toList();
        long rows = 0;
        long ms = 0;
        long rowsAfterFirst = 0;
        long msAfterFirst = 0;
        for (int i = 0; i < batches.size(); i++) {
            JsonNode b = batches.get(i);
            rows += b.get("input_rows").asLong();
            ms += b.get("batch_duration_ms").asLong();
            if (i > 0) {
                rowsAfterFirst += b.get("input_rows").asLong();
                msAfterFirst += b.get("batch_duration_ms").asLong();
            }
        }
        JsonNode last = batches.get(batches.size() - 1);
        // bin/trendwatch submits the layer to this master when it is set, and runs it in local[2] otherwise
        String master = System.getenv().getOrDefault("TRENDWATCH_SPARK_MASTER", "local[2]");
        System.out.printf("speed layer, %s, Cassandra writes: %d micro-batches, %,d posts in %.1f s of batch time = %,.0f posts/s;"
                        + " without the first (cold) batch %,.0f posts/s%n", master, batches.size(), rows, ms / 1000.0, rows * 1000.0 / ms,
                msAfterFirst == 0 ? 0 : rowsAfterFirst * 1000.0 / msAfterFirst);
        System.out.printf("Cassandra rows written per post: %.2f (%,d rows)%n", last.get("rows_per_post").asDouble(),
                last.get("rows_written").asLong());
        System.out.println("speed layer log: " + log);
        return 0;
    }

    private int freshness(String run) throws Exception {
        Corpus corpus = Corpus.of(SemEvalCorpus.posts());
        List<String> texts = corpus.texts();
        Path log = Files.createTempFile(run, ".log");
        Process speed = startSpeed(run, log, null, "--starting-offsets", "earliest");
        CassandraSettings cs = CassandraSettings.fromEnvironment().withKeyspace("tw_" + run);
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Instant> probeTime = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Long> latenciesMs = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> wordLatenciesMs = new ConcurrentLinkedQueue<>();
        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicLong sent = new AtomicLong();
        AtomicLong probeReads = new AtomicLong();
        try (CqlSession session = CassandraConnector.connect(cs)) {
            // the first batch pays for Spark's start-up: wait for it with a single post
            try (KafkaProducer<String, byte[]> producer = producer()) {
                Post hello = Post.ofText("hello", "synthetic", "bench", "#warmup", "en", Instant.now());
                producer.send(new ProducerRecord<>(run, hello.id(), codec.encode(hello))).get();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (acceptedSoFar(log) < 1) {
                if (!speed.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("speed layer did not start; log: " + log);
                }
                Thread.sleep(500);
            }
            PreparedStatement lookup = session.prepare("SELECT posts FROM " + Tables.SPEED_TERM_COUNTS.in(cs.keyspace())
                    + " WHERE term = ? AND step = 'minute' AND period = ? AND bucket = ?");
            long start = System.nanoTime();
            Thread poller = new Thread(() -> {
                while (producing.get() || !sentAt.isEmpty()) {
                    for (var e : sentAt.entrySet()) {
                        Instant t = probeTime.get(e.getKey());
                        Row r = session.execute(lookup.bind(e.getKey(), Granularity.MINUTE.periodStart(t),
                                Granularity.MINUTE.bucketStart(t))).one();
                        probeReads.incrementAndGet();
                        if (r != null) {
                            long seenNs = System.nanoTime();
                            if ((e.getValue() - start) / 1e9 >= warmupSeconds) {
                                (e.getKey().startsWith("#") ? latenciesMs : wordLatenciesMs).add((seenNs - e.getValue()) / 1_000_000);
                            }
                            sentAt.remove(e.getKey());
                        }
                    }
                    if (!producing.get() && System.nanoTime() - start > TimeUnit.SECONDS.toNanos(seconds + 60L)) {
                        break;
                    }
                    try {
                        Thread.sleep(pollMs);
                    } catch (InterruptedException ex) {
                        return;
                    }
                }
            }, "probe-poller");
            poller.start();
            // what each process of the stack spends per post once the warm-up is over, read at its end and the run's
            Map<String, StackCpu.Watched> watched = new LinkedHashMap<>();
            watched.put("speed layer", new StackCpu.Watched(speed.toHandle(), true));
            watched.putAll(StackCpu.localStack(LocalFolders.home(System.getenv())));
            watched.put("this benchmark (producer, probes)", new StackCpu.Watched(ProcessHandle.current(), false));
            StackCpu cpu = new StackCpu(watched, Path.of("/proc/stat"));
            StackCpu.Reading afterWarmup = null;
            long sentAfterWarmup = 0;
            try (KafkaProducer<String, byte[]> producer = producer()) {
                long tickNs = 10_000_000;   // send in 10 ms slices
                long perTick = rate / 100;
                long seq = 0;
                for (long tick = 0; tick < seconds * 100L; tick++) {
                    long due = start + tick * tickNs;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    if (tick == warmupSeconds * 100L) {
                        afterWarmup = cpu.read();
                        sentAfterWarmup = sent.get();
                    }
                    Instant now = Instant.now();
                    for (int i = 0; i < perTick; i++) {
                        String id = run + "-" + (seq++);
                        Post p = Post.ofText(id, "synthetic", "bench", texts.get((int) (seq % texts.size())), "en", now);
                        producer.send(new ProducerRecord<>(run, id, codec.encode(p)));
                    }
                    sent.addAndGet(perTick);
                    if (tick % 10 == 0) {   // a probe every 100 ms
                        String probe = "#probe" + tick;
                        Post p = Post.ofText(run + "-p" + tick, "synthetic", "bench", "probe " + probe, "en", now);
                        probeTime.put(probe, now);
                        sentAt.put(probe, System.nanoTime());
                        producer.send(new ProducerRecord<>(run, p.id(), codec.encode(p)));
                    }
                    if (tick % 100 == 50) {   // a word probe every second: a word is written once enough posts of its minute hold it
                        // digits apart: the tokenizer squeezes three repeated characters to two ("5550" -> "550")
                        String word = "wprobe" + String.join("q", Long.toString(tick).split(""));
                        for (int i = 0; i < wordMinPosts; i++) {
                            Post p = Post.ofText(run + "-w" + tick + "-" + i, "synthetic", "bench", "probe " + word, "en", now);
                            producer.send(new ProducerRecord<>(run, p.id(), codec.encode(p)));
                        }
                        probeTime.put(word, now);
                        sentAt.put(word, System.nanoTime());
                    }
                }
            }
            StackCpu.Reading end = cpu.read();
            double elapsed = (System.nanoTime() - start) / 1e9;
            producing.set(false);
            poller.join(TimeUnit.SECONDS.toMillis(90));
            List<Long> lat = new ArrayList<>(latenciesMs);
            Collections.sort(lat);
            System.out.printf("freshness at %,d posts/s for %d s (%,d posts sent, %.0f posts/s achieved); %d probes after %d s warm-up,"
                            + " %d probes of either kind never seen %s%n", rate, seconds, sent.get(), sent.get() / elapsed, lat.size(), warmupSeconds,
                    sentAt.size(), sentAt.isEmpty() ? "" : sentAt.keySet().stream().sorted().limit(5).toList());
            if (!lat.isEmpty()) {
                System.out.printf("produce -> readable in Cassandra: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n",
                        pct(lat, 50), pct(lat, 90), pct(lat, 99), lat.get(lat.size() - 1));
            }
            List<Long> wordLat = new ArrayList<>(wordLatenciesMs);
            Collections.sort(wordLat);
            if (!wordLat.isEmpty()) {
                System.out.printf("word probes (%d, of %d posts each): p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n", wordLat.size(),
                        wordMinPosts, pct(wordLat, 50), pct(wordLat, 90), pct(wordLat, 99), wordLat.get(wordLat.size() - 1));
            }
            System.out.printf("probe rows read in passes %d ms apart: %,d reads, %,.0f a second%n", pollMs,
                    probeReads.get(), probeReads.get() / elapsed);
            if (afterWarmup != null && sent.get() > sentAfterWarmup) {
                System.out.println(StackCpu.between(afterWarmup, end, sent.get() - sentAfterWarmup));
            }
            List<JsonNode> batches = metricLines(log);
            JsonNode last = batches.get(batches.size() - 1);
            System.out.printf("speed layer: %d micro-batches, lag at the end %s records, rows per post %.2f%n",
                    batches.size(), last.get("lag_records").asText(), last.get("rows_per_post").asDouble());
        } finally {
            speed.destroy();
            speed.waitFor(60, TimeUnit.SECONDS);
        }
        System.out.println("speed layer log: " + log);
        return 0;
    }

    private static long pct(List<Long> sorted, int p) {
        return BenchRuns.percentile(sorted, p);
    }

    private Process startSpeed(String run, Path log, Path recording, String... extra) throws IOException {
        Optional<String> promoted = BenchModel.promote(CassandraSettings.fromEnvironment().withKeyspace("tw_" + run), model);
        System.out.println("sentiment model: " + promoted.map(v -> v + ", promoted").orElse("none, every post unscored"));
        List<String> cmd = trendwatch.line("speed", "start",
                "--topic", run, "--dlq-topic", run + "-dlq", "--keyspace", "tw_" + run, "--query-name", run,
                "--checkpoint-dir", Files.createTempDirectory(run).toString());
        cmd.addAll(List.of(extra));
        cmd.addAll(speedArgs);
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        if (recording != null) {
            String options = builder.environment().getOrDefault("TRENDWATCH_JAVA_OPTS", "");
            builder.environment().put("TRENDWATCH_JAVA_OPTS", (options + " " + CpuProfile.recordingOption(recording)).trim());
        }
        return builder.start();
    }

    private static long exampleRows(CqlSession session, String keyspace) {
        return session.execute(com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance("SELECT COUNT(*) FROM "
                + Tables.SPEED_TERM_EXAMPLES.in(keyspace)).setTimeout(Duration.ofSeconds(120))).one().getLong(0);
    }

    private static long acceptedSoFar(Path log) throws IOException {
        List<JsonNode> lines = metricLines(log);
        return lines.isEmpty() ? 0 : lines.get(lines.size() - 1).get("accepted_posts").asLong();
    }

    /** The JSON metric lines the speed layer logs once per micro-batch. */
    private static List<JsonNode> metricLines(Path log) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            int i = line.indexOf("metrics: {");
            if (i >= 0) {
                out.add(JSON.readTree(line.substring(i + "metrics: ".length())));
            }
        }
        return out;
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4", ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer());
    }
}
