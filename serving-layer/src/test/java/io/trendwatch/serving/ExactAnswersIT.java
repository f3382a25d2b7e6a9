package io.trendwatch.serving;

import org.junit.jupiter.api.extension.RegisterExtension;
import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.trendwatch.core.generate.Corpus;
import io.trendwatch.core.generate.GeneratorSpec;
import io.trendwatch.core.generate.StreamGenerator;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.post.PostCodec;
import io.trendwatch.core.source.SemEvalTweet;
import io.trendwatch.core.testing.Await;
import io.trendwatch.core.testing.SharedData;
import io.trendwatch.core.text.PostTerms;
import io.trendwatch.core.text.Term;
import io.trendwatch.core.text.TermKind;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.store.CassandraConnector;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.views.Tables;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

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
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole chain on real posts: the speed layer (its own process, as
 * `trendwatch speed start` runs it), two nightly batch runs (their own
 * processes, as `trendwatch batch run`), and the API (the real application).
 * The real SemEval tweets, re-timed into three hours, and a generated stream
 * go through Kafka; the API's minute, hour and day series of every hashtag and
 * of the 200 most frequent words must equal counts made here from the posts
 * themselves, before and after a second run moves the boundary; then
 * `trendwatch reconcile` must agree, and must name a speed row altered behind
 * the layers' back.
 */
@ExtendWith(LayerProcessesLock.class)
@ExtendWith(DropwizardExtensionsSupport.class)
class ExactAnswersIT {

    private static final String RUN = "ex" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private static final String KEYSPACE = "tw_" + RUN;
    @RegisterExtension
    static final TestKeyspace CLEANUP = TestKeyspace.ofLayers(KEYSPACE);
    private static final String TOPIC = "posts-" + RUN;
    private static final PostCodec CODEC = new PostCodec();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WINDOW = Duration.ofHours(3);
    /** The burst the context is asked about: between both boundaries (the first at most 81 min in, the second at least 111). */
    private static final String BURST = "#ctxburst";
    private static final List<String> COMPANIONS = List.of("#ctxfriend", "zorblat");
    private static final Duration BURST_FROM = Duration.ofMinutes(85);
    private static final int BURST_MINUTES = 20;
    private static final int BURST_PER_MINUTE = 15;

    // thousands of answers compared from one address: the per-client limit is ServingProtectionIT's subject
    static final DropwizardAppExtension<ServingConfiguration> APP = TestApps.app(KEYSPACE,
            io.dropwizard.testing.ConfigOverride.config("requestsPerSecondPerClient", "0"));

    private final HttpClient http = HttpClient.newHttpClient();


    @Test
    void everyAnswerIsTheRecountOnBothSidesOfTwoBoundariesAndReconcileProvesIt(@TempDir Path dir) throws Exception {
        // three hours of posts up to a few minutes ago, as a live stream has them (none dated after it arrives)
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(WINDOW).minus(Duration.ofMinutes(2));
        Instant end = start.plus(WINDOW);
        log("window [" + start + ", " + end + ")");
        List<Post> posts = posts(start);
        Recount truth = new Recount(posts);

        try (LayerProcess speed = LayerProcess.start(dir.resolve("speed.log"), "speed-layer/target/trendwatch-speed-layer.jar",
                "start", "--topic", TOPIC, "--dlq-topic", TOPIC + "-dlq", "--keyspace", KEYSPACE, "--query-name", RUN,
                "--checkpoint-dir", dir.resolve("ck").toString(), "--max-offsets-per-trigger", "20000")) {
            try (KafkaProducer<byte[], byte[]> producer = TestProducer.open()) {
                for (int i = 0; i < posts.size(); i++) {
                    Post p = posts.get(i);
                    producer.send(new ProducerRecord<>(TOPIC, p.id().getBytes(StandardCharsets.UTF_8), CODEC.encode(p)));
                    if (i % 50 == 0) { // the same post twice, as sources resend: counted once
                        producer.send(new ProducerRecord<>(TOPIC, p.id().getBytes(StandardCharsets.UTF_8), CODEC.encode(p)));
                    }
                }
            }
            awaitSpeedTotal(truth.distinctPosts(), start, end, speed);
            log("speed layer counted " + truth.distinctPosts() + " distinct posts");
            // the examples query runs on a trigger of its own: its rows are one per (term, minute) with an eligible post
            awaitSpeedExampleRows(truth.exampleRows(), speed);
            log("speed layer holds the " + truth.exampleRows() + " example rows of the recount");

            // first run: as-of off the hour, inside the window; the boundary is its hour
            Instant asOf1 = start.plus(Duration.ofMinutes(81));
            batchRun(dir, "run1", asOf1);
            Instant b1 = boundary();
            assertThat(b1).isEqualTo(Granularity.HOUR.bucketStart(asOf1));
            Thread.sleep(4_000); // the API's speed partitions are at most 3 s old
            List<String> terms = truth.checkedTerms(200);
            assertThat(terms.size()).isGreaterThan(1000);
            assertThat(compareAll(terms, truth, start, end)).as("differences at boundary " + b1).isEmpty();
            log(terms.size() + " terms x 3 steps equal the recount at boundary " + b1);
            Instant burstEnd = start.plus(BURST_FROM).plus(Duration.ofMinutes(BURST_MINUTES));
            assertThat(b1).isBefore(start.plus(BURST_FROM));
            JsonNode contextBefore = context(BURST, burstEnd);
            checkContext(contextBefore, posts, burstEnd, "speed");

            // second run, as of now: the boundary moves on, to the hour of the speed layer's watermark, not past it
            Instant asOf2 = Instant.now();
            Instant watermark = speedWatermark();
            batchRun(dir, "run2", asOf2);
            Instant b2 = boundary();
            assertThat(b2).isEqualTo(Granularity.HOUR.bucketStart(watermark)).isAfter(b1);
            assertThat(compareAll(terms, truth, start, end)).as("differences at boundary " + b2).isEmpty();
            log(terms.size() + " terms x 3 steps equal the recount at boundary " + b2 + " (watermark " + watermark + ")");
            assertThat(b2).isAfterOrEqualTo(burstEnd);
            JsonNode contextAfter = context(BURST, burstEnd);
            checkContext(contextAfter, posts, burstEnd, "batch");
            for (String field : List.of("examples", "related", "sentiment", "minutes_with_example")) {
                assertThat(withoutSources(contextAfter.get(field))).as(field + " before and after the boundary passed the burst")
                        .isEqualTo(withoutSources(contextBefore.get(field)));
            }
            log("context of " + BURST + ": the same " + contextAfter.get("examples").size() + " examples, "
                    + contextAfter.get("related").size() + " related terms and sentiment from the speed view (boundary " + b1
                    + ") and from the batch view (boundary " + b2 + "); related " + contextAfter.get("related"));
            logExampleRows(truth);
            // the CSV answers carry the same counts (hashtags and mentions: every bucket of theirs is kept)
            List<String> tagged = terms.stream().filter(t -> t.startsWith("#") || t.startsWith("@")).limit(300).toList();
            assertThat(tagged.size()).isGreaterThan(100);
            assertThat(compareAll(tagged, truth, start, end, true)).as("CSV differences at boundary " + b2).isEmpty();
            log(tagged.size() + " hashtags and mentions x 3 steps as CSV equal the recount at boundary " + b2);
            assertThat(compareShare(truth.busiestHashtags(3), truth, start, end)).as("share of voice at boundary " + b2).isEmpty();
            log("share of voice of " + truth.busiestHashtags(3) + " by hour equals the recount at boundary " + b2);

            // a post dated just before the as-of, reaching Kafka after the run archived: counted once, by the speed side
            Instant lateArrivalTime = asOf2.minusSeconds(60);
            Post straggler = Post.ofText("straggler-1", "twitter", "s", "#straggler", "en", lateArrivalTime);
            try (KafkaProducer<byte[], byte[]> producer = TestProducer.open()) {
                producer.send(new ProducerRecord<>(TOPIC, straggler.id().getBytes(StandardCharsets.UTF_8), CODEC.encode(straggler))).get();
            }
            // asked up to an hour past it: the run may have ended in a later hour than the window
            Instant afterStraggler = lateArrivalTime.plus(Duration.ofHours(1));
            await(Duration.ofSeconds(90), () -> seriesTotal("#straggler", Granularity.HOUR, start, afterStraggler) == 1, speed);
            assertThat(seriesTotal("#straggler", Granularity.DAY, start, afterStraggler)).isEqualTo(1);

            // reconcile over the same state: no mismatch
            posts.add(straggler);
            LayerProcess.Result ok = reconcile(dir, "reconcile-ok", start, end, "--top", "100");
            assertThat(ok.exitCode()).as(ok.output()).isZero();
            assertThat(ok.output()).contains("100 terms", "0 mismatches");
            log("reconcile: " + ok.output().lines().filter(l -> l.contains("mismatches")).findFirst().orElse(""));

            // one speed row altered behind the layers' back: reconcile names it and fails
            Instant minute = b2.plus(Duration.ofMinutes(7));
            String victim = truth.busiestHashtagIn(minute);
            try (CqlSession s = CassandraConnector.connect(CassandraSettings.fromEnvironment().withKeyspace(KEYSPACE))) {
                s.execute("UPDATE " + Tables.SPEED_TERM_COUNTS.in(KEYSPACE) + " SET posts = ? WHERE term = ? AND step = 'minute' "
                        + "AND period = ? AND bucket = ?", truth.minuteCount(victim, minute) + 5, victim,
                        Granularity.MINUTE.periodStart(minute), minute);
            }
            Thread.sleep(4_000);
            LayerProcess.Result bad = reconcile(dir, "reconcile-bad", start, end, "--term", victim, "--step", "minute");
            assertThat(bad.exitCode()).as(bad.output()).isEqualTo(1);
            assertThat(bad.output()).contains(victim, minute.toString(), "+5", "speed", "1 mismatches");
            log("reconcile after altering " + victim + " at " + minute + ": exit 1");
        }
    }

    private static void log(String line) {
        System.out.println(Instant.now() + " ExactAnswersIT: " + line);
    }

    private static Instant speedWatermark() {
        try (CqlSession s = CassandraConnector.connect(CassandraSettings.fromEnvironment())) {
            return s.execute("SELECT watermark FROM " + Tables.SPEED_STATUS.in(KEYSPACE) + " WHERE query = ?", RUN).one()
                    .getInstant("watermark");
        }
    }

    /** The real tweets (none from November–December 2016), each at a time of the window in their order, and a generated stream. */
    private static List<Post> posts(Instant start) throws Exception {
        Map<String, Post> real = new LinkedHashMap<>();
        for (Path f : SharedData.tsvFiles(SharedData.subtaskA())) {
            for (String line : Files.readString(f).split("\n")) {
                if (!line.isBlank()) {
                    Post p = SemEvalTweet.parse(line).toPost();
                    if (!p.createdAt().isBefore(Instant.parse("2016-11-01T00:00:00Z"))
                            && p.createdAt().isBefore(Instant.parse("2017-01-01T00:00:00Z"))) {
                        continue;
                    }
                    real.putIfAbsent(p.id(), p);
                }
            }
        }
        List<Post> sorted = new ArrayList<>(real.values());
        sorted.sort(Comparator.comparing(Post::createdAt).thenComparing(Post::id));
        List<Post> out = new ArrayList<>();
        long step = WINDOW.toMillis() / sorted.size();
        for (int i = 0; i < sorted.size(); i++) {
            Post p = sorted.get(i);
            out.add(new Post(p.id(), p.platform(), p.author(), p.text(), p.language(), start.plusMillis(i * step),
                    p.hashtags(), p.mentions(), p.urls()));
        }
        new StreamGenerator(GeneratorSpec.of(2.0, WINDOW, start, 11), Corpus.of(sorted)).generate((second, batch) -> out.addAll(batch));
        // a burst of a new hashtag whose every post names two companions, the rest of each post a real tweet's text
        for (int i = 0; i < BURST_MINUTES * BURST_PER_MINUTE; i++) {
            Post filler = sorted.get((i * 7919) % sorted.size());
            Instant at = start.plus(BURST_FROM).plusMillis(i * 60_000L / BURST_PER_MINUTE);
            out.add(Post.ofText("ctx-" + i, "twitter", "fan" + (i % 40), BURST + " " + COMPANIONS.get(0) + " "
                    + COMPANIONS.get(1) + " " + filler.text(), "en", at));
        }
        out.sort(Comparator.comparing(Post::createdAt));
        return out;
    }

    /** Counts made here from the posts: distinct posts per term and bucket. */
    static final class Recount {
        private final Map<String, Map<Instant, Set<String>>> byMinute = new HashMap<>();
        private final Map<String, TermKind> kinds = new HashMap<>();
        private final Set<String> ids = new HashSet<>();
        private final Map<Instant, Long> allByMinute = new TreeMap<>();

        Recount(List<Post> posts) {
            for (Post p : posts) {
                if (!ids.add(p.id())) {
                    continue;
                }
                Instant m = Granularity.MINUTE.bucketStart(p.createdAt());
                allByMinute.merge(m, 1L, Long::sum);
                for (Term t : PostTerms.of(p)) {
                    kinds.put(t.text(), t.kind());
                    byMinute.computeIfAbsent(t.text(), k -> new HashMap<>()).computeIfAbsent(m, k -> new HashSet<>()).add(p.id());
                }
            }
        }

        long distinctPosts() {
            return ids.size();
        }

        /** The (term, minute)s with an eligible post: the rows of a complete examples view. */
        long exampleRows() {
            return byMinute.values().stream().flatMap(minutes -> minutes.values().stream())
                    .filter(posts -> posts.stream().anyMatch(id -> io.trendwatch.core.view.ExamplePosts.eligible(
                            io.trendwatch.core.view.ExamplePosts.rank(id))))
                    .count();
        }

        Map<Instant, Long> series(String term, Granularity step) {
            Map<Instant, Set<String>> buckets = new TreeMap<>();
            byMinute.getOrDefault(term, Map.of()).forEach((m, posts) ->
                    buckets.computeIfAbsent(step.bucketStart(m), k -> new HashSet<>()).addAll(posts));
            Map<Instant, Long> out = new TreeMap<>();
            buckets.forEach((b, posts) -> out.put(b, (long) posts.size()));
            return out;
        }

        /** All distinct posts per bucket. */
        Map<Instant, Long> allPosts(Granularity step) {
            Map<Instant, Long> out = new TreeMap<>();
            allByMinute.forEach((m, n) -> out.merge(step.bucketStart(m), n, Long::sum));
            return out;
        }

        /** The {@code n} hashtags in most posts. */
        List<String> busiestHashtags(int n) {
            return kinds.entrySet().stream().filter(e -> e.getValue() == TermKind.HASHTAG).map(Map.Entry::getKey)
                    .sorted(Comparator.comparingLong((String t) -> -total(t)).thenComparing(t -> t)).limit(n).toList();
        }

        long minuteCount(String term, Instant minute) {
            return byMinute.get(term).get(minute).size();
        }

        /** Every hashtag, and the {@code words} words in most posts. */
        List<String> checkedTerms(int words) {
            List<String> out = new ArrayList<>(kinds.entrySet().stream().filter(e -> e.getValue() == TermKind.HASHTAG)
                    .map(Map.Entry::getKey).sorted().toList());
            out.addAll(kinds.entrySet().stream().filter(e -> e.getValue() == TermKind.WORD)
                    .map(Map.Entry::getKey)
                    .sorted(Comparator.comparingLong((String t) -> -total(t)).thenComparing(t -> t))
                    .limit(words).toList());
            return out;
        }

        String busiestHashtagIn(Instant minute) {
            return kinds.entrySet().stream().filter(e -> e.getValue() == TermKind.HASHTAG).map(Map.Entry::getKey)
                    .filter(t -> byMinute.get(t).containsKey(minute))
                    .max(Comparator.comparingInt((String t) -> byMinute.get(t).get(minute).size()).thenComparing(t -> t))
                    .orElseThrow();
        }

        private long total(String term) {
            return byMinute.get(term).values().stream().mapToLong(Set::size).sum();
        }
    }

    /** Every checked term at every step over the window: one line per differing bucket. */
    private List<String> compareAll(List<String> terms, Recount truth, Instant start, Instant end) throws Exception {
        return compareAll(terms, truth, start, end, false);
    }

    /** Each term's minute, hour and day series as answered (JSON, or CSV) against the recount of the posts. */
    private List<String> compareAll(List<String> terms, Recount truth, Instant start, Instant end, boolean csv)
            throws Exception {
        List<String> differences = java.util.Collections.synchronizedList(new ArrayList<>());
        Semaphore inFlight = new Semaphore(8);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        long minuteWordMin = io.trendwatch.core.view.ViewPolicy.DEFAULT.minuteWordMinPosts();
        for (String term : terms) {
            for (Granularity step : Granularity.values()) {
                inFlight.acquire();
                HttpRequest request = seriesRequest(term, step, start, end, csv);
                all.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                        .thenAccept(r -> {
                            try {
                                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                                Map<Instant, Long> answered = new TreeMap<>();
                                Instant b;
                                boolean sparse;
                                if (csv) {
                                    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
                                    b = null;
                                    for (CSVRecord row : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                                            .parse(new java.io.StringReader(r.body()))) {
                                        answered.put(Instant.parse(row.get("bucket")), Long.parseLong(row.get("posts")));
                                        b = Instant.parse(row.get("boundary"));
                                    }
                                    sparse = false;
                                } else {
                                    JsonNode body = JSON.readTree(r.body());
                                    for (JsonNode p : body.get("points")) {
                                        answered.put(Instant.parse(p.get("bucket").asText()), p.get("posts").asLong());
                                    }
                                    b = Instant.parse(body.get("boundary").asText());
                                    // inside a not-kept span (a word's batch minutes) an unlisted bucket had fewer than the minimum
                                    sparse = body.get("not_kept").size() > 0;
                                }
                                Map<Instant, Long> expected = truth.series(term, step);
                                for (Instant bucket : union(expected.keySet(), answered.keySet())) {
                                    long want = expected.getOrDefault(bucket, 0L);
                                    Long got = answered.get(bucket);
                                    boolean unlistedBelowMin = got == null && sparse && bucket.isBefore(b) && want < minuteWordMin;
                                    if (!unlistedBelowMin && (got == null ? 0 : got) != want) {
                                        differences.add(term + " " + step.label() + " " + bucket + ": answered " + got
                                                + ", recounted " + want + " (boundary " + b + ")");
                                    }
                                }
                            } catch (Exception e) {
                                differences.add(term + " " + step.label() + ": " + e);
                            } finally {
                                inFlight.release();
                            }
                        }));
            }
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        return differences.size() > 50 ? differences.subList(0, 50) : differences;
    }

    /** The share of voice of the terms, by hour over the window, against the recount: one line per difference. */
    private List<String> compareShare(List<String> terms, Recount truth, Instant start, Instant end) throws Exception {
        String list = String.join(",", terms.stream().map(t -> URLEncoder.encode(t, StandardCharsets.UTF_8)).toList());
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort()
                + "/api/v1/share?step=hour&terms=" + list + "&from=" + Granularity.HOUR.bucketStart(start) + "&to=" + end))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        Map<Instant, Long> all = truth.allPosts(Granularity.HOUR);
        List<String> differences = new ArrayList<>();
        assertThat(body.get("points")).hasSize(all.size());
        for (JsonNode p : body.get("points")) {
            Instant bucket = Instant.parse(p.get("bucket").asText());
            long mentions = terms.stream().mapToLong(t -> truth.series(t, Granularity.HOUR).getOrDefault(bucket, 0L)).sum();
            if (p.get("all_posts").asLong() != all.getOrDefault(bucket, 0L) || p.get("mentions").asLong() != mentions) {
                differences.add(bucket + ": all posts " + p.get("all_posts") + " mentions " + p.get("mentions")
                        + ", recounted " + all.get(bucket) + " and " + mentions);
            }
            for (JsonNode t : p.get("shares")) {
                long want = truth.series(t.get("term").asText(), Granularity.HOUR).getOrDefault(bucket, 0L);
                if (t.get("posts").asLong() != want || Math.abs(t.get("share_of_voice").asDouble() - (double) want / mentions) > 1e-12
                        || Math.abs(t.get("share_of_posts").asDouble() - (double) want / all.get(bucket)) > 1e-12) {
                    differences.add(bucket + " " + t + ": recounted " + want + " of " + mentions + " mentions, "
                            + all.get(bucket) + " posts");
                }
            }
        }
        return differences;
    }

    private static Set<Instant> union(Set<Instant> a, Set<Instant> b) {
        Set<Instant> out = new java.util.TreeSet<>(a);
        out.addAll(b);
        return out;
    }

    private HttpRequest seriesRequest(String term, Granularity step, Instant start, Instant end) {
        return seriesRequest(term, step, start, end, false);
    }

    private HttpRequest seriesRequest(String term, Granularity step, Instant start, Instant end, boolean csv) {
        Instant from = step.bucketStart(start);
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + "/api/v1/terms/"
                + URLEncoder.encode(term, StandardCharsets.UTF_8).replace("+", "%20") + "/series?step=" + step.label()
                + "&from=" + from + "&to=" + end + (csv ? "&format=csv" : ""))).GET().build();
    }

    private long seriesTotal(String term, Granularity step, Instant start, Instant end) throws Exception {
        HttpResponse<String> r = http.send(seriesRequest(term, step, start, end), HttpResponse.BodyHandlers.ofString());
        long n = 0;
        for (JsonNode p : JSON.readTree(r.body()).get("points")) {
            n += p.get("posts").asLong();
        }
        return n;
    }

    private JsonNode context(String term, Instant at) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort()
                + "/api/v1/terms/" + URLEncoder.encode(term, StandardCharsets.UTF_8) + "/context?window=1h&limit=8&at=" + at))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /**
     * The examples are the burst's: per minute the eligible post of the smallest (rank, id) among the posts that name
     * the term, the 8 smallest of those, each from {@code source}; the companions are the first related terms.
     */
    private static void checkContext(JsonNode context, List<Post> posts, Instant at, String source) {
        Instant from = at.minus(Duration.ofHours(1));
        Map<Instant, Post> perMinute = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (Post p : posts) {
            long rank = io.trendwatch.core.view.ExamplePosts.rank(p.id());
            if (!seen.add(p.id()) || !io.trendwatch.core.view.ExamplePosts.eligible(rank) || p.createdAt().isBefore(from)
                    || !p.createdAt().isBefore(at) || PostTerms.of(p).stream().noneMatch(t -> t.text().equals(BURST))) {
                continue;
            }
            perMinute.merge(Granularity.MINUTE.bucketStart(p.createdAt()), p, (a, b) -> Comparator
                    .comparingLong((Post x) -> io.trendwatch.core.view.ExamplePosts.rank(x.id())).thenComparing(Post::id)
                    .compare(a, b) <= 0 ? a : b);
        }
        List<String> expected = perMinute.values().stream()
                .sorted(Comparator.comparingLong((Post x) -> io.trendwatch.core.view.ExamplePosts.rank(x.id())).thenComparing(Post::id))
                .limit(8).map(p -> p.id() + " " + p.createdAt() + " " + p.text()).toList();
        List<String> answered = new ArrayList<>();
        context.get("examples").forEach(e -> {
            answered.add(e.get("id").asText() + " " + e.get("created_at").asText() + " " + e.get("text").asText());
            assertThat(e.get("source").asText()).isEqualTo(source);
        });
        assertThat(expected).hasSize(8);
        assertThat(answered).isEqualTo(expected);
        assertThat(context.get("minutes_with_example").asInt()).isEqualTo(perMinute.size());
        List<String> related = new ArrayList<>();
        context.get("related").forEach(r -> related.add(r.get("term").asText()));
        assertThat(related.subList(0, 2)).containsExactlyInAnyOrderElementsOf(COMPANIONS);
        assertThat(context.get("related").get(0).get("examples").asInt()).isEqualTo(perMinute.size());
        assertThat(context.get("sentiment").get("window").get("posts").asLong()).isEqualTo((long) BURST_MINUTES * BURST_PER_MINUTE);
    }

    /** The answer without the layer that held each part (which is what the boundary changes). */
    private static JsonNode withoutSources(JsonNode node) {
        JsonNode copy = node.deepCopy();
        if (copy.isArray()) {
            copy.forEach(e -> {
                if (e.isObject()) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) e).remove("source");
                }
            });
        }
        return copy;
    }

    /** Rows of the example views against the posts and the minute count rows: the cost of keeping examples. */
    private static void logExampleRows(Recount truth) {
        try (CqlSession s = CassandraConnector.connect(CassandraSettings.fromEnvironment())) {
            long speed = count(s, Tables.SPEED_TERM_EXAMPLES.in(KEYSPACE));
            long batch = count(s, Tables.BATCH_TERM_EXAMPLES.in(KEYSPACE));
            long minuteCounts = count(s, Tables.SPEED_TERM_COUNTS.in(KEYSPACE));
            log(String.format("example rows: speed %d (%.3f per post; %d minute count rows, %.3f per post), batch %d (%.3f per post)",
                    speed, (double) speed / truth.distinctPosts(), minuteCounts, (double) minuteCounts / truth.distinctPosts(),
                    batch, (double) batch / truth.distinctPosts()));
        }
    }

    private static long count(CqlSession s, String table) {
        return s.execute(com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance("SELECT COUNT(*) FROM " + table)
                .setTimeout(Duration.ofSeconds(120))).one().getLong(0);
    }

    private Instant boundary() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort()
                + "/api/v1/status")).GET().build(), HttpResponse.BodyHandlers.ofString());
        return Instant.parse(JSON.readTree(r.body()).get("boundary").asText());
    }

    private void awaitSpeedTotal(long posts, Instant start, Instant end, LayerProcess speed) throws Exception {
        try (CqlSession s = CassandraConnector.connect(CassandraSettings.fromEnvironment())) {
            await(Duration.ofSeconds(300), () -> {
                long sum = 0;
                for (Instant day = Granularity.DAY.bucketStart(start); day.isBefore(end); day = day.plus(Duration.ofDays(1))) {
                    try {
                        for (var row : s.execute("SELECT bucket, posts FROM " + Tables.SPEED_BUCKET_TOTALS.in(KEYSPACE) + " "
                                + "WHERE step = 'minute' AND period = ?", day)) {
                            sum += row.getLong("posts");
                        }
                    } catch (RuntimeException notYet) {
                        return false;
                    }
                }
                return sum == posts;
            }, speed);
        }
    }

    private void awaitSpeedExampleRows(long rows, LayerProcess speed) throws Exception {
        try (CqlSession s = CassandraConnector.connect(CassandraSettings.fromEnvironment())) {
            await(Duration.ofSeconds(180), () -> {
                try {
                    return count(s, Tables.SPEED_TERM_EXAMPLES.in(KEYSPACE)) == rows;
                } catch (RuntimeException notYet) {
                    return false;
                }
            }, speed);
        }
    }

    private void batchRun(Path dir, String name, Instant asOf) throws Exception {
        LayerProcess.Result r = LayerProcess.run(dir.resolve(name + ".log"), "batch-layer/target/trendwatch-batch-layer.jar",
                "run", "--as-of", asOf.toString(), "--topic", TOPIC, "--keyspace", KEYSPACE, "--speed-query", RUN,
                "--master-dir", dir.resolve("master").toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
    }

    private LayerProcess.Result reconcile(Path dir, String name, Instant start, Instant end, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("reconcile", "--from", start.toString(), "--to", end.toString(),
                "--keyspace", KEYSPACE, "--master-dir", dir.resolve("master").toString(),
                "--api", "http://127.0.0.1:" + APP.getLocalPort(), "--no-progress"));
        args.addAll(List.of(more));
        return LayerProcess.run(dir.resolve(name + ".log"), "batch-layer/target/trendwatch-batch-layer.jar",
                args.toArray(String[]::new));
    }

    private static void await(Duration limit, Await.Condition condition, LayerProcess process) throws Exception {
        Await.until(limit, condition, "the layer's process", process::isAlive, process::tail);
    }
}
