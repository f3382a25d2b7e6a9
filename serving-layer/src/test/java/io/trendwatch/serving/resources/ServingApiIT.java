package io.trendwatch.serving.resources;

import io.trendwatch.serving.TestKeyspace;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.trendwatch.core.testing.LoopbackProxy;
import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.serving.ServingConfiguration;
import io.trendwatch.serving.TestApps;
import io.trendwatch.serving.ViewRows;
import io.trendwatch.store.views.Layer;
import io.trendwatch.store.views.Tables;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The real application (real config.yml) against the real Cassandra of
 * bin/test, with view rows written here: batch before the boundary 12:20,
 * speed from it on.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ServingApiIT {

    private static final String KEYSPACE = "tw_serving_it";
    private static final Instant BOUNDARY = t("12:20");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_TOKEN = "serving-api-it";

    /** The app reaches the suite's Cassandra through this, so a test can take Cassandra away from the app alone. */
    private static final LoopbackProxy CASSANDRA = LoopbackProxy.to(TestApps.CASSANDRA);

    static final DropwizardAppExtension<ServingConfiguration> APP = TestApps.app(CASSANDRA.address(), KEYSPACE,
            ConfigOverride.config("trendsCacheTtl", "1 millisecond"),
            ConfigOverride.config("adminToken", ADMIN_TOKEN), ConfigOverride.config("viewCache.speedFullRefresh", "5 seconds"));

    @RegisterExtension
    static final TestKeyspace VIEWS = TestKeyspace.migrated(KEYSPACE);
    private static CqlSession session;
    /** posts per minute of #sale written to each view: batch 10:00–12:59, speed 12:00–13:59 (overlap on purpose). */
    private static final Map<Instant, Long> BATCH_MINUTES = new HashMap<>();
    private static final Map<Instant, Long> SPEED_MINUTES = new HashMap<>();

    private static Instant t(String hhmm) {
        return Instant.parse("2016-11-25T" + hhmm + ":00Z");
    }

    @BeforeAll
    static void writeViews() {
        session = VIEWS.session();
        ViewRows rows = VIEWS.rows();
        Map<Instant, Long> batchHours = new HashMap<>();
        for (Instant m = t("10:00"); m.isBefore(t("13:00")); m = m.plusSeconds(60)) {
            long n = 1 + (m.getEpochSecond() / 60) % 3;   // 1, 2 or 3 posts
            BATCH_MINUTES.put(m, n);
            batchHours.merge(Granularity.HOUR.bucketStart(m), n, Long::sum);
            rows.term(Layer.BATCH, "#sale", Granularity.MINUTE, m, n, n, 0, 0, 0);
        }
        batchHours.forEach((h, n) -> rows.term(Layer.BATCH, "#sale", Granularity.HOUR, h, n, n, 0, 0, 0));
        // all posts: 200 a minute on both sides, so #sale is 1-3 in 200 before the boundary and 100 in 200 after it
        for (Instant m = t("10:00"); m.isBefore(t("13:00")); m = m.plusSeconds(60)) {
            rows.total(Layer.BATCH, Granularity.MINUTE, m, 200, 0, 200, 0, 0);
        }
        for (Instant h = t("10:00"); h.isBefore(t("13:00")); h = h.plusSeconds(3600)) {
            rows.total(Layer.BATCH, Granularity.HOUR, h, 12_000, 0, 12_000, 0, 0);
        }
        for (Instant m = t("12:00"); m.isBefore(t("14:00")); m = m.plusSeconds(60)) {
            rows.total(Layer.SPEED, Granularity.MINUTE, m, 200, 0, 200, 0, 0);
        }
        for (Instant m = t("12:00"); m.isBefore(t("14:00")); m = m.plusSeconds(60)) {
            SPEED_MINUTES.put(m, 100L);
            rows.term(Layer.SPEED, "#sale", Granularity.MINUTE, m, 100, 0, 0, 100, 0);
        }
        session.execute("INSERT INTO " + Tables.BATCH_BOUNDARY.in(KEYSPACE) + " (scope, published_at, boundary, run_id, baselines_run) "
                + "VALUES (?, ?, ?, 'run-1', 'run-1')", Tables.BOUNDARY_SCOPE, Instant.now(), BOUNDARY);
        session.execute("INSERT INTO " + Tables.BATCH_RUNS.in(KEYSPACE) + " (run_id, status, input_posts, rows_written, duration_ms) "
                + "VALUES ('run-1', 'published', 1234, 567, 890)");
        session.execute("INSERT INTO " + Tables.SPEED_TRENDING.in(KEYSPACE) + " (step, bucket, term, kind, posts, score) VALUES ('hour', ?, '#sale', 'hashtag', 100, 9.5)",
                t("12:00"));
        // a speed layer that accepted a loss and now waits for Kafka, as SpeedMetrics writes it
        session.execute("INSERT INTO " + Tables.SPEED_STATUS.in(KEYSPACE) + " (query, updated_at, lost_records, state, state_detail, state_since) "
                + "VALUES ('speed', ?, 37, 'waiting', 'waiting for Cassandra or Kafka: TimeoutException', ?)", Instant.now(), t("13:00"));
    }

    @AfterAll
    static void closeProxy() throws Exception {
        CASSANDRA.close();
    }

    private static JsonNode get(String path, int expectedStatus) throws Exception {
        Client client = APP.client();
        try (Response r = client.target("http://localhost:" + APP.getLocalPort() + path).request().get()) {
            String body = r.readEntity(String.class);
            assertThat(r.getStatus()).as(path + " -> " + body).isEqualTo(expectedStatus);
            return JSON.readTree(body);
        }
    }

    @Test
    void minuteSeriesTakesBatchBeforeTheBoundaryAndSpeedFromIt() throws Exception {
        JsonNode body = get("/api/v1/terms/%23Sale/series?from=2016-11-25T12:00:00Z&to=2016-11-25T12:40:00Z&step=minute", 200);
        assertThat(body.get("term").asText()).isEqualTo("#sale");
        assertThat(body.get("boundary").asText()).isEqualTo("2016-11-25T12:20:00Z");
        List<JsonNode> points = new ArrayList<>();
        body.get("points").forEach(points::add);
        assertThat(points).hasSize(40);
        for (JsonNode p : points) {
            Instant bucket = Instant.parse(p.get("bucket").asText());
            boolean before = bucket.isBefore(BOUNDARY);
            assertThat(p.get("source").asText()).isEqualTo(before ? "batch" : "speed");
            assertThat(p.get("posts").asLong()).isEqualTo(before ? BATCH_MINUTES.get(bucket) : SPEED_MINUTES.get(bucket));
        }
    }

    @Test
    void hourSeriesRollsUpTheHourThatStraddlesTheBoundary() throws Exception {
        JsonNode points = get("/api/v1/terms/sale/series?from=2016-11-25T10:00:00Z&to=2016-11-25T14:00:00Z&step=hour", 200)
                .get("points");
        assertThat(points).isEmpty();   // the word "sale" is not the hashtag "#sale"
        points = get("/api/v1/terms/%23sale/series?from=2016-11-25T10:00:00Z&to=2016-11-25T14:00:00Z&step=hour", 200).get("points");
        assertThat(points).hasSize(4);
        long batch10 = sum(BATCH_MINUTES, t("10:00"), t("11:00"));
        long batch11 = sum(BATCH_MINUTES, t("11:00"), t("12:00"));
        long straddle = sum(BATCH_MINUTES, t("12:00"), BOUNDARY) + sum(SPEED_MINUTES, BOUNDARY, t("13:00"));
        assertThat(points.get(0).get("posts").asLong()).isEqualTo(batch10);
        assertThat(points.get(1).get("posts").asLong()).isEqualTo(batch11);
        assertThat(points.get(2).get("posts").asLong()).isEqualTo(straddle);
        assertThat(points.get(2).get("source").asText()).isEqualTo("batch+speed");
        assertThat(points.get(3).get("posts").asLong()).isEqualTo(6000);
        assertThat(points.get(3).get("source").asText()).isEqualTo("speed");
    }

    @Test
    void anUnknownTermIsAnEmptySeries() throws Exception {
        JsonNode body = get("/api/v1/terms/%23neverseen/series?from=2016-11-25T10:00:00Z&to=2016-11-25T14:00:00Z&step=hour", 200);
        assertThat(body.get("points")).isEmpty();
    }

    @Test
    void trendsCountTheWindowThroughTheMergeRule() throws Exception {
        JsonNode body = get("/api/v1/trends?window=1h&at=2016-11-25T12:50:00Z&limit=5", 200);
        JsonNode item = body.get("trends").get(0);
        assertThat(item.get("term").asText()).isEqualTo("#sale");
        long expected = sum(BATCH_MINUTES, t("11:50"), BOUNDARY) + sum(SPEED_MINUTES, BOUNDARY, t("12:50"));
        assertThat(item.get("posts").asLong()).isEqualTo(expected);
        assertThat(item.get("sources").toString()).isEqualTo("[\"batch\",\"speed\"]");
        assertThat(item.get("trending").asBoolean()).isTrue();   // from 1-3 in 200 posts to 100 in 200
        assertThat(get("/api/v1/trends?window=1h&at=2016-11-25T12:50:00Z&kind=mention", 200).get("trends")).isEmpty();
    }

    /** The window is scored against the term's history read from the views: at its usual share it does not trend. */
    @Test
    void aTermAtItsUsualShareDoesNotTrend() throws Exception {
        // [11:10, 12:10): batch minutes only, #sale at 1-3 of 200 posts a minute, as in the history's hour 10:00
        JsonNode item = get("/api/v1/trends?window=1h&at=2016-11-25T12:10:00Z&limit=5", 200).get("trends").get(0);
        assertThat(item.get("term").asText()).isEqualTo("#sale");
        assertThat(item.get("posts").asLong()).isEqualTo(sum(BATCH_MINUTES, t("11:10"), t("12:10")));
        // the history is the hour 10:00 alone (as many posts as the window): the 84 % upper limit of its h posts
        double h = sum(BATCH_MINUTES, t("10:00"), t("11:00"));
        assertThat(item.get("expected").asDouble()).isCloseTo(h + Math.sqrt(h + 0.75) + 1, within(0.5));
        assertThat(item.get("trending").asBoolean()).isFalse();
    }

    /** A trend carries the trend model's prediction made at the end of the hour before {@code at}, or none. */
    @Test
    void trendsCarryThePredictionForTheHourOfAt() throws Exception {
        session.execute("INSERT INTO " + Tables.TREND_PREDICTIONS.in(KEYSPACE) + " (step, bucket, term, probability, model_version) "
                + "VALUES ('hour', ?, '#sale', 0.83, 'trend-v1')", t("11:00"));
        try {
            JsonNode item = get("/api/v1/trends?window=1h&at=2016-11-25T12:50:00Z&limit=5", 200).get("trends").get(0);
            assertThat(item.get("term").asText()).isEqualTo("#sale");
            assertThat(item.get("prediction").get("probability").asDouble()).isEqualTo(0.83);
            assertThat(item.get("prediction").get("model_version").asText()).isEqualTo("trend-v1");
            assertThat(item.get("prediction").get("bucket").asText()).isEqualTo("2016-11-25T11:00:00Z");
            JsonNode later = get("/api/v1/trends?window=1h&at=2016-11-25T13:50:00Z&limit=5", 200).get("trends").get(0);
            assertThat(later.get("prediction").isNull()).isTrue();
        } finally {
            session.execute("DELETE FROM " + Tables.TREND_PREDICTIONS.in(KEYSPACE) + " WHERE step = 'hour' AND bucket = ?", t("11:00"));
        }
    }

    @Test
    void sentimentSumsTheRangeAndStatusShowsTheBoundary() throws Exception {
        JsonNode s = get("/api/v1/sentiment?term=%23sale&from=2016-11-25T12:00:00Z&to=2016-11-25T12:40:00Z", 200);
        long posts = sum(BATCH_MINUTES, t("12:00"), BOUNDARY) + sum(SPEED_MINUTES, BOUNDARY, t("12:40"));
        assertThat(s.get("posts").asLong()).isEqualTo(posts);
        assertThat(s.get("positive").asLong()).isEqualTo(sum(BATCH_MINUTES, t("12:00"), BOUNDARY));
        assertThat(s.get("negative").asLong()).isEqualTo(sum(SPEED_MINUTES, BOUNDARY, t("12:40")));
        JsonNode status = get("/api/v1/status", 200);
        assertThat(status.get("boundary").asText()).isEqualTo("2016-11-25T12:20:00Z");
        assertThat(status.get("last_run_input_posts").asLong()).isEqualTo(1234);
        assertThat(status.get("speed_lost_records").asLong()).isEqualTo(37);
        assertThat(status.get("speed_state").asText()).isEqualTo("waiting");
        assertThat(status.get("speed_state_detail").asText()).startsWith("waiting for Cassandra or Kafka");
        assertThat(status.get("speed_state_since").asText()).isEqualTo("2016-11-25T13:00:00Z");
        assertThat(get("/api/v1/topics?day=2016-11-25", 200).get("topics")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/api/v1/terms/%23sale/series?from=yesterday                                         | from",
            "/api/v1/terms/%23sale/series?from=2016-11-25T00:00:00Z&to=2016-11-26T00:00:00Z&step=week | step",
            "/api/v1/terms/%23sale/series?from=2016-11-26T00:00:00Z&to=2016-11-25T00:00:00Z      | to",
            "/api/v1/terms/%23sale/series?from=2015-01-01T00:00:00Z&to=2016-11-25T00:00:00Z&step=minute | to",
            "/api/v1/terms/%21%21%21/series                                                       | term",
            "/api/v1/trends?window=2h                                                             | window",
            "/api/v1/trends?limit=0                                                               | limit",
            "/api/v1/trends?kind=people                                                           | kind",
            "/api/v1/trends?at=now                                                                | at",
            "/api/v1/topics?day=25/11/2016                                                        | day",
    })
    void badParametersAreA400NamingTheParameter(String path, String parameter) throws Exception {
        JsonNode body = get(path.strip(), 400);
        assertThat(body.get("code").asInt()).isEqualTo(400);
        assertThat(body.get("parameter").asText()).isEqualTo(parameter);
        assertThat(body.get("message").asText()).contains("'" + parameter + "'");
    }

    @Test
    void servesItsOpenApiDocumentAndSwaggerUi() throws Exception {
        JsonNode api;
        // the document is built on its first request by scanning the resources' classes: on a busy machine that
        // has taken longer than the test client's 5 s read timeout, so this one request waits for it
        Client patient = ClientBuilder.newBuilder().readTimeout(2, TimeUnit.MINUTES).build();
        try (Response r = patient.target("http://localhost:" + APP.getLocalPort() + "/openapi.json").request().get()) {
            String body = r.readEntity(String.class);
            assertThat(r.getStatus()).as(body).isEqualTo(200);
            api = JSON.readTree(body);
        } finally {
            patient.close();
        }
        assertThat(api.get("paths").has("/api/v1/terms/{term}/series")).isTrue();
        assertThat(api.get("paths").get("/api/v1/trends").get("get").get("parameters").toString())
                .contains("\"window\"", "\"limit\"", "\"kind\"", "\"at\"");
        try (Response page = APP.client().target("http://localhost:" + APP.getLocalPort() + "/swagger/").request().get()) {
            assertThat(page.getStatus()).isEqualTo(200);
            String html = page.readEntity(String.class);
            String bundle = html.replaceAll("(?s).*src=\"([^\"]*swagger-ui-bundle.js)\".*", "$1");
            try (Response js = APP.client().target("http://localhost:" + APP.getLocalPort() + bundle).request().get()) {
                assertThat(js.getStatus()).as(bundle).isEqualTo(200);
            }
        }
    }

    /** posts of each point of a minute series, by bucket. */
    private static Map<Instant, Long> minutes(String from, String to) throws Exception {
        Map<Instant, Long> out = new HashMap<>();
        get("/api/v1/terms/%23sale/series?from=2016-11-25T" + from + ":00Z&to=2016-11-25T" + to + ":00Z&step=minute", 200)
                .get("points").forEach(p -> out.put(Instant.parse(p.get("bucket").asText()), p.get("posts").asLong()));
        return out;
    }

    private static void clearCaches() {
        try (Response r = APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + "/tasks/clear-caches").request()
                .header("Authorization", "Bearer " + ADMIN_TOKEN).post(jakarta.ws.rs.client.Entity.text(""))) {
            assertThat(r.getStatus()).isEqualTo(200);
        }
    }

    @Test
    void aSpeedRowTheSpeedLayerRewritesShowsWithinTheCachesMaxAge() throws Exception {
        // within speedSettled (15 minutes) of the partition's newest row, 13:59: a row the speed layer may still rewrite
        Instant bucket = t("13:50");
        assertThat(minutes("13:45", "13:55")).containsEntry(bucket, 100L);
        setSpeedMinute(bucket, 150L);
        try {
            long start = System.nanoTime();
            long maxAgeMillis = APP.getConfiguration().getViewCache().getSpeedMaxAge().toMilliseconds();
            assertThat(seenUntil("13:45", "13:55", bucket, 150L, start + TimeUnit.MILLISECONDS.toNanos(maxAgeMillis + 2_000)))
                    .as("the new count, at most speedMaxAge (+ request time) later").isEqualTo(150L);
        } finally {
            restoreSpeedMinute(bucket);
        }
    }

    @Test
    void aSettledSpeedRowIsReadAgainOnlyWithTheWholePartition() throws Exception {
        clearCaches();
        // 57 minutes before the newest row: settled, a background re-read skips it
        Instant bucket = t("13:02");
        assertThat(minutes("13:00", "13:05")).containsEntry(bucket, 100L);
        long wholeRead = System.nanoTime();
        setSpeedMinute(bucket, 150L);
        try {
            long fullMillis = APP.getConfiguration().getViewCache().getSpeedFullRefresh().toMilliseconds();
            long maxAgeMillis = APP.getConfiguration().getViewCache().getSpeedMaxAge().toMilliseconds();
            // read every 100 ms (the entry is re-read in the background every second, never expires)
            while (System.nanoTime() - wholeRead < TimeUnit.MILLISECONDS.toNanos(fullMillis - 1_000)) {
                assertThat(minutes("13:00", "13:05")).as("before the whole partition is read again").containsEntry(bucket, 100L);
                Thread.sleep(100);
            }
            long deadline = wholeRead + TimeUnit.MILLISECONDS.toNanos(fullMillis + maxAgeMillis + 2_000);
            assertThat(seenUntil("13:00", "13:05", bucket, 150L, deadline))
                    .as("the new count once the whole partition is read again, speedFullRefresh later").isEqualTo(150L);
        } finally {
            restoreSpeedMinute(bucket);
        }
    }

    /** Sets #sale's speed count of one minute, as a rewrite by the speed layer would. */
    private static void setSpeedMinute(Instant bucket, long posts) {
        session.execute(session.prepare("UPDATE " + Tables.SPEED_TERM_COUNTS.in(KEYSPACE) + " SET posts = ? "
                + "WHERE term = '#sale' AND step = 'minute' AND period = ? AND bucket = ?")
                .bind(posts, Granularity.MINUTE.periodStart(bucket), bucket));
    }

    /** Puts the minute back as written and clears the caches, which may hold the rewritten count, for the other tests. */
    private static void restoreSpeedMinute(Instant bucket) {
        setSpeedMinute(bucket, 100L);
        clearCaches();
    }

    /** The minute series' count of {@code bucket}, read every 100 ms until it is {@code expected} or the deadline passes. */
    private static long seenUntil(String from, String to, Instant bucket, long expected, long deadlineNanos) throws Exception {
        long seen;
        do {
            Thread.sleep(100);
            seen = minutes(from, to).get(bucket);
        } while (seen != expected && System.nanoTime() < deadlineNanos);
        return seen;
    }

    @Test
    void batchRowsAreReusedUntilTheCachesAreClearedOrTheBoundaryMoves() throws Exception {
        Instant bucket = t("10:05");
        long original = BATCH_MINUTES.get(bucket);
        assertThat(minutes("10:00", "10:10")).containsEntry(bucket, original);
        var rewrite = session.prepare("UPDATE " + Tables.BATCH_TERM_COUNTS.in(KEYSPACE) + " SET posts = ? "
                + "WHERE term = '#sale' AND step = 'minute' AND period = ? AND bucket = ?");
        session.execute(rewrite.bind(42L, Granularity.MINUTE.periodStart(bucket), bucket));
        Instant moved = t("12:30");
        Instant publishedAt = Instant.now();
        try {
            // a backfill's rewrite is not read again until the batch TTL, or the publish step clears the caches
            assertThat(minutes("10:00", "10:10")).containsEntry(bucket, original);
            clearCaches();
            assertThat(minutes("10:00", "10:10")).containsEntry(bucket, 42L);

            // a run publishes a later boundary: the minutes up to it come from the batch view from then on
            assertThat(minutes("12:25", "12:30")).containsEntry(t("12:25"), 100L);
            session.execute("INSERT INTO " + Tables.BATCH_BOUNDARY.in(KEYSPACE) + " (scope, published_at, boundary, run_id, baselines_run) "
                    + "VALUES (?, ?, ?, 'run-2', 'run-1')", Tables.BOUNDARY_SCOPE, publishedAt, moved);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            JsonNode body;
            do {
                Thread.sleep(100);
                body = get("/api/v1/terms/%23sale/series?from=2016-11-25T12:25:00Z&to=2016-11-25T12:35:00Z&step=minute", 200);
            } while (!body.get("boundary").asText().equals("2016-11-25T12:30:00Z") && System.nanoTime() < deadline);
            assertThat(body.get("boundary").asText()).isEqualTo("2016-11-25T12:30:00Z");
            for (JsonNode p : body.get("points")) {
                Instant b = Instant.parse(p.get("bucket").asText());
                boolean before = b.isBefore(moved);
                assertThat(p.get("source").asText()).as(b.toString()).isEqualTo(before ? "batch" : "speed");
                assertThat(p.get("posts").asLong()).as(b.toString()).isEqualTo(before ? BATCH_MINUTES.get(b) : SPEED_MINUTES.get(b));
            }
        } finally {
            session.execute(rewrite.bind(original, Granularity.MINUTE.periodStart(bucket), bucket));
            session.execute("DELETE FROM " + Tables.BATCH_BOUNDARY.in(KEYSPACE) + " WHERE scope = ? AND published_at = ?", Tables.BOUNDARY_SCOPE, publishedAt);
            clearCaches();
        }
    }

    /** Cassandra goes away for the app alone (through its proxy): the suite's Cassandra and the other tests go on. */
    @Test
    void cassandraDownIsA503AndTheAppRecoversWhenItIsBack() throws Exception {
        String series = "/api/v1/terms/%23sale/series?from=2016-11-25T12:00:00Z&to=2016-11-25T12:40:00Z&step=minute";
        assertThat(APP.getConfiguration().getCassandra().getContactPoints()).as("the app reaches Cassandra through the proxy")
                .isEqualTo(CASSANDRA.address());
        get(series, 200);
        try {
            CASSANDRA.cut();
            // an answer the app read a moment ago may still be served from its caches: the next ones fail
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int status;
            String body;
            do {
                Thread.sleep(200);
                try (Response r = APP.client().target("http://localhost:" + APP.getLocalPort() + series).request().get()) {
                    status = r.getStatus();
                    body = r.readEntity(String.class);
                }
            } while (status != 503 && System.nanoTime() < until);
            assertThat(status).as("with Cassandra away from the app: " + body).isEqualTo(503);
            assertThat(JSON.readTree(body).get("message").asText()).contains("Cassandra");
        } finally {
            CASSANDRA.restore();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        int status;
        do {
            Thread.sleep(1000);
            try (Response r = APP.client().target("http://localhost:" + APP.getLocalPort() + series).request().get()) {
                status = r.getStatus();
            }
        } while (status != 200 && System.nanoTime() < deadline);
        assertThat(status).as("recovered without restarting the app").isEqualTo(200);
        assertThat(get(series, 200).get("points")).hasSize(40);
    }

    private static long sum(Map<Instant, Long> minutes, Instant from, Instant to) {
        return minutes.entrySet().stream().filter(e -> !e.getKey().isBefore(from) && e.getKey().isBefore(to))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
