package io.trendwatch.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.store.CassandraConnector;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.Publications;
import io.trendwatch.store.SchemaMigrator;
import io.trendwatch.store.views.Tables;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Open-loop load on the serving layer over loopback with vegeta (requests at
 * a fixed rate whatever the answers do). Seeds a keyspace with a day of views
 * for 50 terms (batch before the boundary, speed after), starts
 * `trendwatch serve` on it, then loads /trends and /series in turn, each with
 * a mix of distinct requests (terms, steps, ranges, instants) rather than one URL.
 */
@Command(name = "serving-load", mixinStandardHelpOptions = true,
        description = "p50/p99 latency and throughput of /trends and /series at a fixed request rate (vegeta, open loop).")
public final class ServingLoadBenchmark implements Callable<Integer> {

    @Mixin
    TrendwatchCommand trendwatch;

    @Option(names = "--rate", defaultValue = "2000", description = "Requests per second (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--seconds", defaultValue = "30", description = "Measured seconds per endpoint (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "30", description = "Unmeasured seconds first, the rate rising to the full rate in 5 steps (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--endpoints", split = ",", defaultValue = "trends,series",
            description = "Which endpoints to load, in order (default: ${DEFAULT-VALUE})")
    List<String> endpoints;

    @Option(names = "--server-opts", defaultValue = "",
            description = "JVM options for the server, e.g. -Ddw.viewCache.maxRows=0 to read every series from Cassandra")
    String serverOpts;

    @Option(names = "--vegeta", defaultValue = "vegeta", description = "The vegeta binary (default: ${DEFAULT-VALUE})")
    String vegeta;

    private static final String KEYSPACE = "tw_bench_serving";
    private static final Instant DAY = Instant.parse("2016-11-25T00:00:00Z");
    private static final Instant BOUNDARY = Instant.parse("2016-11-25T18:00:00Z");
    private static final int TERMS = 50;
    private static final int PORT = 18080;
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) {
        System.exit(new CommandLine(new ServingLoadBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        seed();
        Path log = Files.createTempFile("serving-load", ".log");
        ProcessBuilder pb = new ProcessBuilder(trendwatch.line("serve"))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("TRENDWATCH_KEYSPACE", KEYSPACE);
        pb.environment().put("TRENDWATCH_HTTP_PORT", Integer.toString(PORT));
        // the load comes from one address: measure the server's capacity, not its per-client limit
        pb.environment().put("TRENDWATCH_RATE_LIMIT", "0");
        pb.environment().put("TRENDWATCH_ADMIN_PORT", Integer.toString(PORT + 1));
        pb.environment().put("TRENDWATCH_ACCESS_LOG_LAYOUT", "access-json");
        pb.environment().put("TRENDWATCH_JAVA_OPTS", serverOpts);
        Process server = pb.start();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            awaitUp(client, server, log);
            for (String endpoint : endpoints) {
                List<String> urls = switch (endpoint) {
                    case "trends" -> trendsUrls();
                    case "series" -> seriesUrls();
                    default -> throw new CommandLine.ParameterException(new CommandLine(this), "unknown endpoint: " + endpoint);
                };
                Path targets = Files.createTempFile("targets-" + endpoint, ".txt");
                Files.write(targets, urls.stream().map(u -> "GET http://127.0.0.1:" + PORT + u).toList());
                warmUp(targets);
                JsonNode report = attack(targets, seconds);
                print(endpoint, urls.size(), report);
            }
            System.out.println("view cache: " + cacheStats(client));
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
        System.out.println("serving layer log: " + log);
        return 0;
    }

    /** 2 windows x 12 instants: what a dashboard and a few analysts ask. */
    private static List<String> trendsUrls() {
        List<String> urls = new ArrayList<>();
        for (String window : List.of("1h", "24h")) {
            for (int i = 0; i < 12; i++) {
                Instant at = DAY.plus(Duration.ofHours(12)).plus(Duration.ofMinutes(55L * i));
                urls.add("/api/v1/trends?window=" + window + "&at=" + at + "&limit=20");
            }
        }
        return urls;
    }

    /**
     * 50 terms x 3 shapes: 12 hours by hour across the boundary (the hour before it from the batch view, after it
     * from the speed view's minutes), 2 hours by minute across the boundary, and one speed-only hour by minute.
     */
    private static List<String> seriesUrls() {
        List<String> urls = new ArrayList<>();
        for (int t = 0; t < TERMS; t++) {
            String base = "/api/v1/terms/%23tag" + t + "/series";
            urls.add(base + "?from=2016-11-25T12:00:00Z&to=2016-11-26T00:00:00Z&step=hour");
            urls.add(base + "?from=2016-11-25T17:00:00Z&to=2016-11-25T19:00:00Z&step=minute");
            urls.add(base + "?from=2016-11-25T" + (19 + t % 4) + ":00:00Z&to=2016-11-25T" + (20 + t % 4) + ":00:00Z&step=minute");
        }
        java.util.Collections.shuffle(urls, new java.util.Random(7));
        return urls;
    }

    /**
     * Unmeasured load rising in five steps to the full rate: a cold JVM (interpreted code, empty caches) hit at
     * once with the full rate queues requests faster than it compiles, as no deployment would be hit.
     */
    private void warmUp(Path targets) throws Exception {
        int step = Math.max(1, warmup / 5);
        for (int i = 1; i <= 5; i++) {
            attack(targets, step, Math.max(1, rate * i / 5));
        }
    }

    private JsonNode attack(Path targets, int attackSeconds) throws Exception {
        return attack(targets, attackSeconds, rate);
    }

    /** One open-loop attack at a fixed rate, round robin over the targets; its vegeta JSON report. */
    private JsonNode attack(Path targets, int attackSeconds, int attackRate) throws Exception {
        Path results = Files.createTempFile("vegeta", ".bin");
        try {
            run(List.of(vegeta, "attack", "-targets=" + targets, "-rate=" + attackRate + "/s", "-duration=" + attackSeconds + "s",
                    "-timeout=5s", "-output=" + results));
            Path report = Files.createTempFile("vegeta", ".json");
            run(List.of(vegeta, "report", "-type=json", "-output=" + report, results.toString()));
            JsonNode json = JSON.readTree(report.toFile());
            Files.delete(report);
            return json;
        } finally {
            Files.deleteIfExists(results);
        }
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + p.exitValue());
        }
    }

    private void print(String endpoint, int distinct, JsonNode r) {
        JsonNode lat = r.get("latencies");
        System.out.printf("%s: %,d requests over %d distinct URLs, offered %,d req/s, sent %.0f req/s, answered %.0f req/s, "
                        + "success %.2f %%, status %s; latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                endpoint, r.get("requests").asLong(), distinct, rate, r.get("rate").asDouble(), r.get("throughput").asDouble(),
                100 * r.get("success").asDouble(), r.get("status_codes"), ms(lat, "50th"), ms(lat, "90th"), ms(lat, "99th"),
                ms(lat, "max"));
        if (r.has("errors") && r.get("errors").size() > 0) {
            System.out.println(endpoint + ": first error: " + r.get("errors").get(0).asText());
        }
    }

    private static double ms(JsonNode latencies, String field) {
        return latencies.get(field).asLong() / 1e6;
    }

    /** The view cache's hit ratios from the server's own metrics. */
    private static String cacheStats(HttpClient client) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (PORT + 1) + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode gauges = JSON.readTree(r.body()).get("gauges");
        StringBuilder out = new StringBuilder();
        gauges.fieldNames().forEachRemaining(name -> {
            if (name.startsWith("trendwatch.view_cache.")) {
                out.append(name.substring("trendwatch.view_cache.".length())).append('=')
                        .append(gauges.get(name).get("value").asText()).append(' ');
            }
        });
        return out.length() == 0 ? "off" : out.toString().strip();
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
            var batch = s.prepare("INSERT INTO " + Tables.BATCH_TERM_COUNTS.in(KEYSPACE) + " (term, step, period, bucket, kind, posts, "
                    + "positive, neutral, negative, unscored) VALUES (?, ?, ?, ?, 'hashtag', ?, 0, 0, 0, ?)");
            var speed = s.prepare("INSERT INTO " + Tables.SPEED_TERM_COUNTS.in(KEYSPACE) + " (term, step, period, bucket, kind, posts, "
                    + "positive, neutral, negative, unscored) VALUES (?, 'minute', ?, ?, 'hashtag', ?, 0, 0, 0, ?)");
            var trending = s.prepare("INSERT INTO " + Tables.BATCH_RANKINGS.in(KEYSPACE) + " (step, bucket, run_id, rank, term, kind, posts, "
                    + "score) VALUES ('hour', ?, 'bench', ?, ?, 'hashtag', ?, ?)");
            List<java.util.concurrent.CompletionStage<?>> pending = new ArrayList<>();
            for (int t = 0; t < TERMS; t++) {
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
                        pending.add(s.executeAsync(trending.bind(h, t + 1, term, hourPosts, 10.0 - t / 10.0)));
                    }
                    if (pending.size() > 500) {   // under the driver's 1,024 requests per connection
                        pending.forEach(f -> f.toCompletableFuture().join());
                        pending.clear();
                    }
                }
            }
            pending.forEach(f -> f.toCompletableFuture().join());
            new Publications(s, KEYSPACE).publishBoundary(BOUNDARY, "bench", Instant.now());
        }
    }
}
