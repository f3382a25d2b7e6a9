package io.trendwatch.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.store.CassandraConnector;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.SchemaMigrator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open-loop load on the serving layer over loopback: requests are issued at a
 * fixed rate whatever the answers do, and each latency is measured from the
 * request's scheduled time (no coordinated omission). Seeds a keyspace with a
 * day of views for 50 terms (batch before the boundary, speed after), starts
 * `trendwatch serve` on it, then loads /trends and /series in turn.
 */
@Command(name = "serving-load", mixinStandardHelpOptions = true,
        description = "p50/p99 latency and throughput of /trends and /series at a fixed request rate.")
public final class ServingLoadBenchmark implements Callable<Integer> {

    @Option(names = "--rate", defaultValue = "2000", description = "Requests per second (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--seconds", defaultValue = "30", description = "Measured seconds per endpoint (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "10", description = "Unmeasured seconds first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--root", defaultValue = ".", description = "Repository root")
    Path root;

    private static final String KEYSPACE = "tw_bench_serving";
    private static final Instant DAY = Instant.parse("2016-11-25T00:00:00Z");
    private static final Instant BOUNDARY = Instant.parse("2016-11-25T18:00:00Z");
    private static final int PORT = 18080;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ServingLoadBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        seed();
        Path log = Files.createTempFile("serving-load", ".log");
        ProcessBuilder pb = new ProcessBuilder(root.resolve("bin/trendwatch").toString(), "serve")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("TRENDWATCH_KEYSPACE", KEYSPACE);
        pb.environment().put("TRENDWATCH_HTTP_PORT", Integer.toString(PORT));
        pb.environment().put("TRENDWATCH_ADMIN_PORT", Integer.toString(PORT + 1));
        pb.environment().put("TRENDWATCH_ACCESS_LOG_LAYOUT", "access-json");
        Process server = pb.start();
        HttpClient client = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4))
                .connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();
        try {
            awaitUp(client, server, log);
            String base = "http://127.0.0.1:" + PORT;
            run(client, "trends", base + "/api/v1/trends?window=24h&at=2016-11-25T23:30:00Z&limit=20");
            run(client, "series", base + "/api/v1/terms/%23tag7/series?from=2016-11-25T12:00:00Z&to=2016-11-26T00:00:00Z&step=hour");
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
        System.out.println("serving layer log: " + log);
        return 0;
    }

    private void run(HttpClient client, String name, String url) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
        ConcurrentLinkedQueue<Long> latenciesMicros = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        AtomicLong done = new AtomicLong();
        long intervalNanos = 1_000_000_000L / rate;
        long total = (long) rate * (warmup + seconds);
        long warmupCount = (long) rate * warmup;
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long scheduled = start + i * intervalNanos;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            boolean measured = i >= warmupCount;
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                long micros = (System.nanoTime() - scheduled) / 1000;
                if (measured) {
                    if (e != null || r.statusCode() != 200) {
                        if (errors.incrementAndGet() == 1) {
                            System.out.println(name + ": first error: " + (e != null ? e : "HTTP " + r.statusCode()));
                        }
                    }
                    latenciesMicros.add(micros);
                }
                done.incrementAndGet();
            });
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (done.get() < total && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        double allSeconds = (System.nanoTime() - start) / 1e9;
        List<Long> lat = new ArrayList<>(latenciesMicros);
        Collections.sort(lat);
        System.out.printf("%s: %,d req at %,d req/s offered (%.0f req/s sent, %.0f req/s completed), %d errors, %d unanswered;"
                        + " latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                name, lat.size(), rate, total / sendSeconds, done.get() / allSeconds, errors.get(), total - done.get(),
                pct(lat, 50) / 1000.0, pct(lat, 90) / 1000.0, pct(lat, 99) / 1000.0,
                lat.isEmpty() ? 0 : lat.get(lat.size() - 1) / 1000.0);
    }

    private static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static void awaitUp(HttpClient client, Process server, Path log) throws Exception {
        HttpRequest ping = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/api/v1/status")).GET().build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the serving layer exited; log: " + log);
            }
            try {
                if (client.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the serving layer did not come up; log: " + log);
    }

    /** A day of views for #tag0..#tag49: batch minute/hour rows before 18:00, speed minute rows after. */
    private static void seed() {
        CassandraSettings cs = CassandraSettings.fromEnvironment().withKeyspace(KEYSPACE);
        try (CqlSession s = CassandraConnector.connect(cs)) {
            new SchemaMigrator(s, cs).migrate();
            var batch = s.prepare("INSERT INTO " + KEYSPACE + ".batch_term_counts (term, step, period, bucket, kind, posts, "
                    + "positive, neutral, negative, unscored) VALUES (?, ?, ?, ?, 'hashtag', ?, 0, 0, 0, ?)");
            var speed = s.prepare("INSERT INTO " + KEYSPACE + ".speed_term_counts (term, step, period, bucket, kind, posts, "
                    + "positive, neutral, negative, unscored) VALUES (?, 'minute', ?, ?, 'hashtag', ?, 0, 0, 0, ?)");
            var trending = s.prepare("INSERT INTO " + KEYSPACE + ".batch_trending (step, bucket, rank, term, kind, posts, score) "
                    + "VALUES ('hour', ?, ?, ?, 'hashtag', ?, ?)");
            List<java.util.concurrent.CompletionStage<?>> pending = new ArrayList<>();
            for (int t = 0; t < 50; t++) {
                String term = "#tag" + t;
                for (Instant h = DAY; h.isBefore(DAY.plus(Duration.ofDays(1))); h = h.plusSeconds(3600)) {
                    long hourPosts = 0;
                    for (Instant m = h; m.isBefore(h.plusSeconds(3600)); m = m.plusSeconds(60)) {
                        long n = 1 + (t + m.getEpochSecond() / 60) % 7;
                        hourPosts += n;
                        var stmt = m.isBefore(BOUNDARY)
                                ? batch.bind(term, "minute", Granularity.MINUTE.periodStart(m), m, n, n)
                                : speed.bind(term, Granularity.MINUTE.periodStart(m), m, n, n);
                        pending.add(s.executeAsync(stmt));
                    }
                    if (h.isBefore(BOUNDARY)) {
                        pending.add(s.executeAsync(batch.bind(term, "hour", Granularity.HOUR.periodStart(h), h, hourPosts, hourPosts)));
                        pending.add(s.executeAsync(trending.bind(h, t, term, hourPosts, 10.0 - t / 10.0)));
                    }
                    if (pending.size() > 500) {   // under the driver's 1,024 requests per connection
                        pending.forEach(f -> f.toCompletableFuture().join());
                        pending.clear();
                    }
                }
            }
            pending.forEach(f -> f.toCompletableFuture().join());
            s.execute("INSERT INTO " + KEYSPACE + ".batch_boundary (scope, published_at, boundary, run_id) VALUES ('views', ?, ?, 'bench')",
                    Instant.now(), BOUNDARY);
        }
    }
}
