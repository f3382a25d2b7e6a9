package io.trendwatch.bench;

import io.trendwatch.core.config.LocalFolders;
import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trendwatch.core.config.KafkaAddress;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.post.PostCodec;
import io.trendwatch.store.CassandraConnector;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.SchemaMigrator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
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
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole pipeline at a steady rate for N minutes, with API reads and three
 * faults on a schedule, then the exact check. Posts (real tweet texts, dated
 * now) go to a topic of the run's own at a fixed rate; the real speed layer and
 * serving layer run on a keyspace of the run's own with a freshly trained and
 * promoted sentiment model; an open-loop client reads /trends, /series and
 * /status at a fixed rate. At 20 % of the run Cassandra is stopped and started
 * again, at 45 % the speed layer is killed with SIGKILL and started again (as a
 * supervisor such as Kubernetes would), at 70 % the Kafka broker is stopped and
 * started again. A probe post with a hashtag of its own every 5 s measures how
 * stale the API is: the time from its sending until the API answers it.
 * Afterwards the topic is archived and `reconcile` compares the API with a
 * recount of the master dataset twice: with every figure from the speed view,
 * and after the final `batch run` has published its boundary.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Run ingest, speed, serving and batch at a steady rate with API reads, restart Cassandra, kill the "
                + "speed layer and restart Kafka on a schedule, then reconcile the API with the master dataset.")
public final class SoakBenchmark implements Callable<Integer> {

    @Mixin
    TrendwatchCommand trendwatch;

    @Option(names = "--minutes", defaultValue = "30", description = "Length of the loaded run (default: ${DEFAULT-VALUE})")
    int minutes;

    @Option(names = "--rate", defaultValue = "2000", description = "Posts per second (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--api-rate", defaultValue = "200", description = "API requests per second, open loop (default: ${DEFAULT-VALUE})")
    int apiRate;

    @Option(names = "--cassandra-outage", defaultValue = "60", description = "Seconds Cassandra stays stopped (default: ${DEFAULT-VALUE})")
    int cassandraOutage;

    @Option(names = "--kafka-outage", defaultValue = "30", description = "Seconds the Kafka broker stays stopped (default: ${DEFAULT-VALUE})")
    int kafkaOutage;

    @Option(names = "--speed-restart-after", defaultValue = "10",
            description = "Seconds between killing the speed layer and starting it again (default: ${DEFAULT-VALUE})")
    int speedRestartAfter;

    @Option(names = "--warmup-seconds", defaultValue = "60",
            description = "Loaded seconds before the measured minutes, left out of latency and staleness (default: ${DEFAULT-VALUE})")
    int warmupSeconds;

    @Option(names = "--port", defaultValue = "18280", description = "The run's API port; the admin port is the next (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--keep", description = "Keep the run's topic, keyspace and folder afterwards (default: dropped when it passes)")
    boolean keep;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PROBE_EVERY_MS = 5_000;
    private final PostCodec codec = new PostCodec();
    private final String bootstrap = KafkaAddress.bootstrap(System.getenv());
    private final String adminToken = UUID.randomUUID().toString();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private String run;
    private String keyspace;
    private Path dir;
    private long t0;

    /** Per second of the run: answers by class (0: no answer within 5 s, 1: 503, 2..5: 2xx..5xx other than 503). */
    private final Map<Integer, AtomicLongArray> statusBySecond = new ConcurrentHashMap<>();
    /** (second of the run, latency in µs) of every answered API request. */
    private final ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>();
    private final List<Fault> faults = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Probe> probes = new ConcurrentHashMap<>();
    private final Map<Fault, Long> recoveredAt = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failedSends = new AtomicLong();
    /** Whether the speed layer exited by itself (it must ride out the outages). */
    private boolean speedExited;
    /** When the load stopped (ms since the start of the run). */
    private volatile long loadEndMs = Long.MAX_VALUE;

    /** An injected fault: when it began and when the service was back (ms since the start of the run). */
    record Fault(String what, long startMs, long endMs) {
    }

    /** A probe post: sent at {@code sentMs}, first answered by the API at {@code seenMs} (-1 while not yet). */
    static final class Probe {
        final String tag;
        final Instant createdAt;
        final long sentMs;
        volatile long seenMs = -1;

        Probe(String tag, Instant createdAt, long sentMs) {
            this.tag = tag;
            this.createdAt = createdAt;
            this.sentMs = sentMs;
        }
    }

    public static void main(String[] args) {
        // the producer's retries during the broker's outage are expected: the report counts what was lost
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        System.exit(new CommandLine(new SoakBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        run = "soak" + Instant.now().getEpochSecond();
        keyspace = "tw_" + run;
        Path home = LocalFolders.home(System.getenv());
        dir = Files.createDirectories(home.resolve("soak").resolve(run));
        say("run %s: %d min at %,d posts/s and %d API requests/s; topic %s, keyspace %s, logs in %s",
                run, minutes, rate, apiRate, run, keyspace, dir);
        CassandraSettings cs = CassandraSettings.fromEnvironment().withKeyspace(keyspace);
        try (CqlSession s = CassandraConnector.connect(cs)) {
            new SchemaMigrator(s, cs).migrate();
        }
        createTopic();
        say("training and promoting the sentiment model in %s (the layers label every post with it)", keyspace);
        must(tool("model", "model", "train-sentiment", "--keyspace", keyspace), "model train-sentiment");

        List<String> texts = SemEvalCorpus.posts().stream().map(Post::text).toList();
        List<String> tags = topHashtags(texts, 40);
        Process serve = startServe();
        Process[] speed = {startSpeed(1)};
        int result;
        try {
            awaitApi(serve);
            Instant firstSecond = Instant.now();
            awaitSpeed(speed[0]);
            t0 = System.nanoTime();
            AtomicBoolean loading = new AtomicBoolean(true);
            Thread producer = new Thread(() -> produce(texts, loading), "soak-producer");
            Thread reader = new Thread(() -> readApi(tags, loading), "soak-api");
            Thread prober = new Thread(() -> watchProbes(loading), "soak-probes");
            producer.start();
            reader.start();
            prober.start();
            long warmMs = TimeUnit.SECONDS.toMillis(warmupSeconds);
            long totalMs = TimeUnit.MINUTES.toMillis(minutes);
            sleepUntil(warmMs);
            say("warm-up over: measuring for %d min", minutes);

            sleepUntil(warmMs + totalMs / 5);
            long f = nowMs();
            say("fault: stopping Cassandra for %d s", cassandraOutage);
            must(infra("down", "cassandra"), "infra down cassandra");
            Thread.sleep(TimeUnit.SECONDS.toMillis(cassandraOutage));
            must(infra("up", "cassandra"), "infra up cassandra");
            faults.add(new Fault("Cassandra stopped " + cassandraOutage + " s", f, nowMs()));

            sleepUntil(warmMs + totalMs * 45 / 100);
            f = nowMs();
            if (speed[0].isAlive()) {
                say("fault: SIGKILL to the speed layer (pid %d), started again after %d s", speed[0].pid(), speedRestartAfter);
                must(new ProcessBuilder("kill", "-KILL", Long.toString(speed[0].pid())).start(), "kill -KILL");
                speed[0].waitFor(30, TimeUnit.SECONDS);
            } else {
                speedExited = true;
                say("the speed layer had exited by itself (exit %d, log speed-1.log): starting it again", speed[0].exitValue());
            }
            Thread.sleep(TimeUnit.SECONDS.toMillis(speedRestartAfter));
            speed[0] = startSpeed(2);
            faults.add(new Fault("speed layer SIGKILL, restarted after " + speedRestartAfter + " s", f, nowMs()));

            sleepUntil(warmMs + totalMs * 70 / 100);
            f = nowMs();
            say("fault: stopping the Kafka broker for %d s", kafkaOutage);
            must(infra("down", "kafka"), "infra down kafka");
            Thread.sleep(TimeUnit.SECONDS.toMillis(kafkaOutage));
            must(infra("up", "kafka"), "infra up kafka");
            faults.add(new Fault("Kafka broker stopped " + kafkaOutage + " s", f, nowMs()));

            sleepUntil(warmMs + totalMs);
            loading.set(false);
            loadEndMs = nowMs();
            producer.join();
            reader.join(TimeUnit.SECONDS.toMillis(30));
            Instant lastSecond = Instant.now();
            say("load over: %,d posts sent (%,d sends failed); waiting for the last probes", sent.get(), failedSends.get());
            prober.join(TimeUnit.MINUTES.toMillis(10));
            if (!speed[0].isAlive()) {
                say("the speed layer is not running (exit %d): see %s", speed[0].exitValue(), dir);
            }
            result = verdict(firstSecond, lastSecond, speed[0].isAlive() && !speedExited);
        } finally {
            stop(speed[0]);
            stop(serve);
        }
        if (result == 0 && !keep) {
            drop();
        }
        return result;
    }

    // ---- load -------------------------------------------------------------------------------------------------

    /** Posts at the fixed rate in 10 ms slices, and a probe every 5 s; a send the producer gives up on is counted. */
    private void produce(List<String> texts, AtomicBoolean loading) {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            long seq = 0;
            for (long tick = 0; loading.get(); tick++) {
                long wait = tick * 10 - nowMs();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                Instant now = Instant.now();
                for (long i = 0, n = perTick(rate, tick); i < n; i++) {
                    String id = run + "-" + seq;
                    send(producer, Post.ofText(id, "synthetic", "soak", texts.get((int) (seq++ % texts.size())), "en", now));
                }
                if (tick % (PROBE_EVERY_MS / 10) == 0) {
                    // digits apart: the tokenizer squeezes three repeated characters to two
                    String tag = "#sp" + String.join("q", Long.toString(tick / (PROBE_EVERY_MS / 10)).split(""));
                    probes.put(tag, new Probe(tag, now, nowMs()));
                    send(producer, Post.ofText(run + "-" + tag.substring(1), "synthetic", "soak", "soak probe " + tag, "en", now));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(KafkaProducer<String, byte[]> producer, Post p) {
        producer.send(new ProducerRecord<>(run, p.id(), codec.encode(p)), (md, e) -> {
            if (e == null) {
                sent.incrementAndGet();
            } else {
                failedSends.incrementAndGet();
            }
        });
    }

    /** Open loop: requests leave at the fixed rate whatever the answers do; each waits at most 5 s. */
    private void readApi(List<String> tags, AtomicBoolean loading) {
        long n = 0;
        try {
            for (long tick = 0; loading.get(); tick++) {
                long wait = tick * 10 - nowMs();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                for (long i = 0, due = perTick(apiRate, tick); i < due; i++) {
                    URI uri = URI.create("http://127.0.0.1:" + port + readUrl(n++, tags));
                    long sentNs = System.nanoTime();
                    http.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                            HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                                int second = (int) ((sentNs - t0) / 1_000_000_000L);
                                int cls = r == null ? 0 : r.statusCode() == 503 ? 1 : r.statusCode() / 100;
                                statusBySecond.computeIfAbsent(second, k -> new AtomicLongArray(6)).incrementAndGet(cls);
                                if (r != null) {
                                    latencies.add(new long[]{second, (System.nanoTime() - sentNs) / 1000});
                                }
                            });
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a dashboard and a few analysts read: trends of the last hour and day, series of the top hashtags, status. */
    private static String readUrl(long n, List<String> tags) {
        Instant now = Instant.now();
        String tag = URLEncoder.encode(tags.get((int) (n % tags.size())), StandardCharsets.UTF_8);
        return switch ((int) (n % 10)) {
            case 0, 1 -> "/api/v1/trends?window=1h&limit=20&at=" + now.truncatedTo(ChronoUnit.MINUTES);
            case 2 -> "/api/v1/trends?window=24h&kind=hashtag&limit=20&at=" + now.truncatedTo(ChronoUnit.MINUTES);
            case 3 -> "/api/v1/status";
            case 4, 5, 6 -> "/api/v1/terms/" + tag + "/series?step=minute&from=" + now.minus(Duration.ofHours(1))
                    .truncatedTo(ChronoUnit.MINUTES) + "&to=" + now.truncatedTo(ChronoUnit.MINUTES).plusSeconds(60);
            default -> "/api/v1/terms/" + tag + "/series?step=hour&from=" + now.minus(Duration.ofHours(24))
                    .truncatedTo(ChronoUnit.HOURS) + "&to=" + now.truncatedTo(ChronoUnit.HOURS).plusSeconds(3600);
        };
    }

    /** Asks the API for every probe not yet seen, once a second, until all are seen (or 10 minutes after the load). */
    private void watchProbes(AtomicBoolean loading) {
        long giveUp = Long.MAX_VALUE;
        try {
            while (true) {
                if (!loading.get() && giveUp == Long.MAX_VALUE) {
                    giveUp = nowMs() + TimeUnit.MINUTES.toMillis(10);
                }
                boolean pending = false;
                for (Probe p : probes.values()) {
                    if (p.seenMs < 0) {
                        pending = true;
                        if (answered(p)) {
                            p.seenMs = nowMs();
                        }
                    }
                }
                if ((!loading.get() && !pending) || nowMs() > giveUp) {
                    return;
                }
                Thread.sleep(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean answered(Probe p) {
        Instant minute = p.createdAt.truncatedTo(ChronoUnit.MINUTES);
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/terms/" + URLEncoder.encode(p.tag, StandardCharsets.UTF_8)
                + "/series?step=minute&from=" + minute + "&to=" + minute.plusSeconds(60));
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return false;
            }
            for (JsonNode point : JSON.readTree(r.body()).path("points")) {
                if (point.path("posts").asLong() > 0) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ---- the verdict ------------------------------------------------------------------------------------------

    private int verdict(Instant firstSecond, Instant lastSecond, boolean speedAlive) throws Exception {
        Instant from = firstSecond.truncatedTo(ChronoUnit.MINUTES);
        Instant to = lastSecond.truncatedTo(ChronoUnit.MINUTES).plusSeconds(60);
        boolean ok = speedAlive;
        say("archiving the topic into the master dataset");
        must(batch("archive"), "batch archive");
        say("reconcile, every figure from the speed view (no boundary yet)");
        ok &= reconcile("reconcile-speed", from, to, "minute") == 0;
        say("the final batch run");
        must(batch("run", "--speed-query", run), "batch run");
        clearCaches();
        say("reconcile after the batch run (batch before its boundary, speed after)");
        ok &= reconcile("reconcile-merged", from, to, "minute") == 0;
        ok &= reconcile("reconcile-merged-hour", from.truncatedTo(ChronoUnit.HOURS), to, "hour") == 0;
        JsonNode totals = totals(from, to);
        long inViews = totals.path("posts").asLong();

        System.out.println();
        System.out.printf("posts sent %,d in %.0f s, %,.0f posts/s (producer gave up on %,d); posts in the views (/api/v1/sentiment over the run) %,d:"
                        + " positive %,d, neutral %,d, negative %,d, unscored %,d; sources %s%n", sent.get(), loadEndMs / 1000.0,
                sent.get() * 1000.0 / loadEndMs, failedSends.get(),
                inViews, totals.path("positive").asLong(), totals.path("neutral").asLong(), totals.path("negative").asLong(),
                totals.path("unscored").asLong(), totals.path("sources"));
        ok &= failedSends.get() == 0 && inViews == sent.get() && totals.path("unscored").asLong() == 0;
        for (Fault f : faults) {
            System.out.printf("fault %-45s at %6.1f s, back after %5.1f s, API and views caught up %5.1f s after it began%n",
                    f.what(), f.startMs() / 1000.0, (f.endMs() - f.startMs()) / 1000.0, (recovered(f) - f.startMs()) / 1000.0);
        }
        printStatusByMinute();
        ok &= printFiveHundreds();
        printLatency();
        printStaleness();
        System.out.println(ok ? "soak: PASS" : "soak: FAIL (see above; logs in " + dir + ")");
        return ok ? 0 : 1;
    }

    /**
     * When the views had caught up after a fault: the first probe sent after its end that the API answered. Asked
     * only once the probes are done, for every answer of the run: worked out once per fault.
     */
    private long recovered(Fault f) {
        return recoveredAt.computeIfAbsent(f, fault -> probes.values().stream()
                .filter(p -> p.sentMs >= fault.endMs() && p.seenMs >= 0).mapToLong(p -> p.seenMs).min().orElse(loadEndMs));
    }

    /** In the warm-up, or from a fault's start until the views caught up after it. */
    private boolean excluded(long ms) {
        synchronized (faults) {
            return ms < warmupSeconds * 1000L || faults.stream().anyMatch(f -> ms >= f.startMs() && ms <= recovered(f));
        }
    }

    private void printStatusByMinute() {
        System.out.println("API answers by minute of the run (0: none within 5 s), faults marked:");
        System.out.printf("%6s %8s %6s %6s %10s %6s  %s%n", "minute", "2xx", "4xx", "503", "other 5xx", "none", "");
        TreeMap<Integer, long[]> byMinute = new TreeMap<>();
        statusBySecond.forEach((second, counts) -> {
            long[] m = byMinute.computeIfAbsent(second / 60, k -> new long[6]);
            for (int i = 0; i < 6; i++) {
                m[i] += counts.get(i);
            }
        });
        byMinute.forEach((minute, c) -> {
            String marks = minute * 60 < warmupSeconds ? "warm-up" : faults.stream().filter(f -> f.startMs() / 60_000 <= minute && recovered(f) / 60_000 >= minute)
                    .map(Fault::what).reduce((a, b) -> a + ", " + b).orElse("");
            System.out.printf("%6d %8d %6d %6d %10d %6d  %s%n", minute, c[2], c[4], c[1], c[5], c[0], marks);
        });
    }

    /**
     * 503 is allowed only while Cassandra is down: from its stop until 10 s after it answered again (requests
     * in flight, the driver's next reconnection); any other 5xx fails the run.
     */
    private boolean printFiveHundreds() {
        Fault cassandra = faults.stream().filter(f -> f.what().startsWith("Cassandra")).findFirst().orElse(null);
        long inside = 0;
        long outside = 0;
        long other = 0;
        for (var e : statusBySecond.entrySet()) {
            long ms = e.getKey() * 1000L;
            long n = e.getValue().get(1);
            other += e.getValue().get(5);
            if (cassandra != null && ms >= cassandra.startMs() - 1000 && ms <= cassandra.endMs() + 10_000) {
                inside += n;
            } else {
                outside += n;
            }
        }
        System.out.printf("503 answers: %,d while Cassandra was down (until 10 s after it answered again), %,d at any other "
                + "time; other 5xx: %,d%n", inside, outside, other);
        return outside == 0 && other == 0;
    }

    private void printLatency() {
        List<Long> outside = new ArrayList<>();
        List<Long> all = new ArrayList<>();
        for (long[] l : latencies) {
            all.add(l[1]);
            if (!excluded(l[0] * 1000)) {
                outside.add(l[1]);
            }
        }
        Collections.sort(outside);
        Collections.sort(all);
        if (!outside.isEmpty()) {
            System.out.printf("API latency outside the warm-up and the fault windows (%,d answers): p50 %.1f ms, p99 %.1f ms, max %.1f ms;"
                            + " over the whole run (%,d answers): p99 %.1f ms, max %.1f ms%n", outside.size(),
                    pct(outside, 50) / 1000.0, pct(outside, 99) / 1000.0, outside.get(outside.size() - 1) / 1000.0,
                    all.size(), pct(all, 99) / 1000.0, all.get(all.size() - 1) / 1000.0);
        }
    }

    private void printStaleness() {
        List<Probe> seen = probes.values().stream().filter(p -> p.seenMs >= 0).toList();
        long unseen = probes.size() - seen.size();
        List<Long> outside = new ArrayList<>();
        long worst = 0;
        Probe worstProbe = null;
        for (Probe p : seen) {
            long stale = p.seenMs - p.sentMs;
            if (stale > worst) {
                worst = stale;
                worstProbe = p;
            }
            if (!excluded(p.sentMs)) {
                outside.add(stale);
            }
        }
        Collections.sort(outside);
        System.out.printf("staleness (probe sent -> answered by the API, polled each second): %d probes, %d never answered;"
                + " longest %.1f s (probe sent at %.0f s of the run)%n", probes.size(), unseen, worst / 1000.0,
                worstProbe == null ? 0 : worstProbe.sentMs / 1000.0);
        if (!outside.isEmpty()) {
            System.out.printf("outside the warm-up and the fault windows: p50 %.1f s, p99 %.1f s, max %.1f s%n", pct(outside, 50) / 1000.0,
                    pct(outside, 99) / 1000.0, outside.get(outside.size() - 1) / 1000.0);
        }
    }

    /** All posts of the range as the API counts them (the views' totals), with their sentiment split. */
    private JsonNode totals(Instant from, Instant to) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/sentiment?from=" + from + "&to=" + to);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private int reconcile(String name, Instant from, Instant to, String step) throws Exception {
        Process p = tool(name, "reconcile", "--from", from.toString(), "--to", to.toString(), "--step", step, "--top", "50",
                "--keyspace", keyspace, "--master-dir", dir.resolve("master").toString(), "--api", "http://127.0.0.1:" + port,
                "--no-progress");
        p.waitFor();
        Files.readAllLines(dir.resolve(name + ".log")).stream().filter(l -> l.contains("mismatches")).forEach(l -> say("%s", l));
        return p.exitValue();
    }

    // ---- processes --------------------------------------------------------------------------------------------

    private Process startServe() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(trendwatch.line("serve"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("serve.log").toFile());
        pb.environment().put("TRENDWATCH_KEYSPACE", keyspace);
        pb.environment().put("TRENDWATCH_HTTP_PORT", Integer.toString(port));
        pb.environment().put("TRENDWATCH_ADMIN_PORT", Integer.toString(port + 1));
        pb.environment().put("TRENDWATCH_ADMIN_TOKEN", adminToken);
        // the reads come from one address: the per-client limit would answer most of them 429
        pb.environment().put("TRENDWATCH_RATE_LIMIT", "0");
        return pb.start();
    }

    private Process startSpeed(int n) throws IOException {
        return new ProcessBuilder(trendwatch.line("speed", "start", "--topic", run,
                "--dlq-topic", run + "-dlq", "--keyspace", keyspace, "--query-name", run,
                "--checkpoint-dir", dir.resolve("checkpoint").toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("speed-" + n + ".log").toFile()).start();
    }

    private Process batch(String command, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("batch", command, "--topic", run, "--keyspace", keyspace,
                "--master-dir", dir.resolve("master").toString()));
        args.addAll(List.of(more));
        return tool("batch-" + command, args.toArray(String[]::new));
    }

    private Process tool(String logName, String... args) throws IOException {
        return new ProcessBuilder(trendwatch.line(args)).redirectErrorStream(true).redirectOutput(dir.resolve(logName + ".log").toFile()).start();
    }

    private Process infra(String upDown, String service) throws IOException {
        return new ProcessBuilder(trendwatch.line("infra", upDown, service)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("infra.log").toFile())).start();
    }

    private void must(Process p, String what) throws InterruptedException {
        if (p.waitFor() != 0) {
            throw new IllegalStateException(what + " exited with " + p.exitValue() + "; logs in " + dir);
        }
    }

    private void clearCaches() throws Exception {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (port + 1) + "/tasks/clear-caches"))
                .header("Authorization", "Bearer " + adminToken).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("clear-caches answered " + r.statusCode());
        }
    }

    /** Before the load: the speed layer has started, and a post sent now is answered by the API. */
    private void awaitSpeed(Process speed) throws Exception {
        Probe ready = new Probe("#soakready", Instant.now(), 0);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(run, run + "-ready", codec.encode(Post.ofText(run + "-ready", "synthetic", "soak",
                    "soak ready " + ready.tag, "en", ready.createdAt)))).get();
        }
        sent.incrementAndGet();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!answered(ready)) {
            if (!speed.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the speed layer did not start; log: " + dir.resolve("speed-1.log"));
            }
            Thread.sleep(1000);
        }
        say("speed and serving layers up");
    }

    private void awaitApi(Process serve) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!serve.isAlive()) {
                throw new IllegalStateException("the serving layer exited; log: " + dir.resolve("serve.log"));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/status")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the serving layer did not come up; log: " + dir.resolve("serve.log"));
    }

    private static void stop(Process p) throws InterruptedException {
        if (p.isAlive()) {
            p.destroy();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private void createTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(run, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** The run's topics and keyspace; kept when the run failed, to be read. */
    private void drop() {
        BenchRuns.drop(bootstrap, run, keyspace);
    }

    private KafkaProducer<String, byte[]> producer() {
        Map<String, Object> config = new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4", ProducerConfig.ACKS_CONFIG, "all",
                // a broker outage of minutes: keep what is sent meanwhile (about 40 MB a minute at 2,000 posts/s)
                ProducerConfig.BUFFER_MEMORY_CONFIG, 512L * 1024 * 1024,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TimeUnit.MINUTES.toMillis(10),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TimeUnit.MINUTES.toMillis(10)));
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private static List<String> topHashtags(List<String> texts, int n) {
        Map<String, Integer> counts = new HashMap<>();
        Matcher m = Pattern.compile("#[A-Za-z][A-Za-z0-9_]{2,}").matcher("");
        for (String t : texts) {
            m.reset(t);
            while (m.find()) {
                counts.merge(m.group().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
            }
        }
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).limit(n).map(Map.Entry::getKey).toList();
    }

    /** How many of {@code perSecond} leave in the 10 ms slice {@code tick}: exact over any second, for any rate. */
    static long perTick(int perSecond, long tick) {
        return (tick + 1) * perSecond / 100 - tick * perSecond / 100;
    }

    private long nowMs() {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private void sleepUntil(long ms) throws InterruptedException {
        long wait = ms - nowMs();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    private static long pct(List<Long> sorted, int p) {
        return BenchRuns.percentile(sorted, p);
    }

    private void say(String format, Object... args) {
        System.out.printf("[%s] %s%n", t0 == 0 ? "setup" : String.format("%6.1f s", nowMs() / 1000.0), String.format(format, args));
        System.out.flush();
    }
}
