package io.trendwatch.serving.alerts;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.serving.ServingConfiguration;
import io.trendwatch.serving.TestApps;
import io.trendwatch.serving.TestKeyspace;
import io.trendwatch.serving.ViewRows;
import io.trendwatch.serving.db.CassandraSessions;
import io.trendwatch.serving.db.CassandraViewReader;
import io.trendwatch.serving.db.SeriesReader;
import io.trendwatch.serving.db.ViewCache;
import io.trendwatch.serving.merge.ShareEstimator;
import io.trendwatch.serving.merge.WindowTrends;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.views.Layer;
import io.trendwatch.store.views.Tables;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Watchlist alerts on the real serving layer and Cassandra, delivered to real local HTTP receivers. The speed view's
 * rows are written as the speed layer writes them (through the tables contract), minute by minute, and the speed
 * layer's progress is moved on in {@code Tables.SPEED_STATUS} as it reports it; the evaluator runs in the app.
 *
 * <p>{@code acme} bursts twice (60 posts a minute against 10); {@code steady} never moves. The rule: over 30 posts a
 * minute for 2 minutes in a row. Expected: one alert and one resolved message per burst, to each webhook, in order,
 * nothing about {@code steady}; while the receivers are down the second burst's messages wait and arrive once after
 * they come back; a second replica, started after, evaluates no minute again and sends nothing again, and one late
 * by minutes (evaluating minutes in which the rule held, after their episodes ended) raises nothing.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class WatchlistAlertsIT {

    private static final String KEYSPACE = "tw_alerts_it";
    private static final String TOKEN = "watchlist-it-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Minute 0 of the test's stream: in the past, so the speed view's rows are all written before they are read. */
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
    private static final int PORT = freePort();

    static final DropwizardAppExtension<ServingConfiguration> APP = TestApps.app(KEYSPACE,
            ConfigOverride.config("cassandra.migrate", "false"),   // the test's keyspace is migrated by TestKeyspace
            ConfigOverride.config("writeToken", TOKEN),
            ConfigOverride.config("alerts.interval", "200 milliseconds"),
            ConfigOverride.config("alerts.settle", "0 seconds"),
            ConfigOverride.config("alerts.retryBase", "300 milliseconds"),
            ConfigOverride.config("alerts.retryMax", "1 second"),
            ConfigOverride.config("alerts.timeout", "2 seconds"));

    @RegisterExtension
    static final TestKeyspace VIEWS = TestKeyspace.migrated(KEYSPACE);

    private static Receiver receiver;

    private static Instant minute(int i) {
        return T0.plus(Duration.ofMinutes(i));
    }

    /** acme's posts in minute i: bursts in minutes 5-7 and 13-14. */
    private static long acme(int i) {
        return (i >= 5 && i <= 7) || (i >= 13 && i <= 14) ? 60 : 10;
    }

    @BeforeAll
    static void writeViews() throws IOException {
        ViewRows rows = VIEWS.rows();
        for (int i = 0; i < 22; i++) {
            rows.term(Layer.SPEED, "acme", Granularity.MINUTE, minute(i), acme(i), 0, acme(i), 0, 0);
            rows.term(Layer.SPEED, "steady", Granularity.MINUTE, minute(i), 10, 0, 10, 0, 0);
            rows.total(Layer.SPEED, Granularity.MINUTE, minute(i), 200, 0, 200, 0, 0);
        }
        speedAt(minute(0));
        receiver = Receiver.start(PORT);
    }

    @AfterAll
    static void stopReceiver() {
        if (receiver != null) {
            receiver.stop();
        }
    }

    /** The speed layer's progress as SpeedMetrics reports it: it has counted posts up to {@code maxEventTime}. */
    private static void speedAt(Instant maxEventTime) {
        VIEWS.session().execute("INSERT INTO " + Tables.SPEED_STATUS.in(KEYSPACE)
                + " (query, updated_at, max_event_time, state) VALUES ('speed', ?, ?, 'running')", Instant.now(), maxEventTime);
    }

    private static Instant evaluatedTo() {
        var row = VIEWS.session().execute(Tables.ALERT_PROGRESS.select(KEYSPACE, "evaluated_to", "scope = ?"),
                Tables.ALERT_SCOPE).one();
        return row == null ? null : row.getInstant("evaluated_to");
    }

    private static Response put(String name, String body, String token) {
        var request = APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + "/api/v1/watchlists/" + name).request();
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.put(Entity.entity(body, MediaType.APPLICATION_JSON_TYPE));
    }

    private static JsonNode get(String path) throws IOException {
        try (Response r = APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + path).request().get()) {
            assertThat(r.getStatus()).as(path).isEqualTo(200);
            return JSON.readTree(r.readEntity(String.class));
        }
    }

    private static double prometheus(String name) {
        try (Response r = APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + "/prometheus").request().get()) {
            return r.readEntity(String.class).lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "_total "))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1).strip())).findFirst().orElse(0);
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    @Test
    void oneAlertAndOneResolvedMessagePerBurstDeliveredOnceInOrderThroughAnOutage() throws Exception {
        String body = """
                {"terms": ["acme", "steady"],
                 "rules": [{"kind": "volume_above", "threshold": 30, "minutes": 2}],
                 "webhooks": [{"url": "http://127.0.0.1:%d/json"}, {"url": "http://127.0.0.1:%d/slack", "format": "slack"}]}
                """.formatted(PORT, PORT);
        // changes need the write token
        try (Response r = put("brand", body, null)) {
            assertThat(r.getStatus()).isEqualTo(401);
        }
        try (Response r = put("brand", body, "wrong")) {
            assertThat(r.getStatus()).isEqualTo(401);
        }
        try (Response r = put("brand", body.replace("volume_above", "spike"), TOKEN)) {
            assertThat(r.getStatus()).isEqualTo(400);
            assertThat(JSON.readTree(r.readEntity(String.class)).get("parameter").asText()).isEqualTo("rules");
        }
        try (Response r = put("brand", body, TOKEN)) {
            assertThat(r.getStatus()).isEqualTo(200);
        }
        JsonNode list = get("/api/v1/watchlists/brand");
        assertThat(list.get("terms").toString()).isEqualTo("[\"acme\",\"steady\"]");
        assertThat(list.get("webhooks").get(0).get("url").asText()).isEqualTo("http://127.0.0.1:" + PORT + "/…");

        // the evaluator has taken minute 0 (the speed layer's latest): from here on it evaluates every minute in order
        await("the evaluator at minute 0", Duration.ofSeconds(30), () -> minute(0).equals(evaluatedTo()));
        // the first burst (minutes 5-7): over 30 for 2 minutes at the end of minute 6, broken at the end of minute 8
        speedAt(minute(10).plusSeconds(20));
        await("the first burst's two messages to each webhook", Duration.ofSeconds(30), () -> receiver.count() == 4);
        assertThat(receiver.json()).containsExactly(
                "alert acme " + minute(7) + " -", "resolved acme " + minute(7) + " " + minute(9));
        assertThat(receiver.slack()).hasSize(2);
        assertThat(receiver.slack().get(0)).contains("trendwatch alert [brand] acme: 60 posts/minute, over 30 for 2 minutes");
        assertThat(receiver.slack().get(1)).contains("trendwatch resolved [brand] acme");

        // the receivers go away; the second burst (minutes 13-14) is raised and resolved while they are down
        receiver.stop();
        double failedBefore = prometheus("alerts_failed");
        speedAt(minute(20));
        await("the second episode resolved in the history", Duration.ofSeconds(30), () -> {
            try {
                JsonNode alerts = get("/api/v1/watchlists/brand/alerts").get("alerts");
                return alerts.size() == 2 && alerts.get(0).has("resolved");
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        await("failed attempts while the receivers are down", Duration.ofSeconds(30),
                () -> prometheus("alerts_failed") >= failedBefore + 4);
        JsonNode history = get("/api/v1/watchlists/brand/alerts");
        assertThat(history.get("undelivered").asLong()).isEqualTo(4);   // alert + resolved, to each of the two webhooks
        assertThat(receiver.count()).isEqualTo(4);

        // back: each waiting message arrives once, in the order raised
        receiver = Receiver.start(PORT);
        await("the second burst's messages after the receivers came back", Duration.ofSeconds(30), () -> receiver.count() == 4);
        Thread.sleep(3_000);   // several retry periods: nothing more may come
        assertThat(receiver.json()).containsExactly(
                "alert acme " + minute(15) + " -", "resolved acme " + minute(15) + " " + minute(16));
        assertThat(receiver.slack()).hasSize(2);
        assertThat(receiver.all()).noneMatch(m -> m.contains("steady"));
        assertThat(get("/api/v1/watchlists/brand/alerts").get("undelivered").asLong()).isZero();
        assertThat(prometheus("alerts_sent")).isEqualTo(8);

        // the history: both episodes, newest first, with the minutes they started and ended
        JsonNode alerts = get("/api/v1/watchlists/brand/alerts").get("alerts");
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0).get("started").asText()).isEqualTo(minute(15).toString());
        assertThat(alerts.get(0).get("resolved").asText()).isEqualTo(minute(16).toString());
        assertThat(alerts.get(0).get("value").asDouble()).isEqualTo(60.0);
        assertThat(alerts.get(1).get("started").asText()).isEqualTo(minute(7).toString());
        assertThat(alerts.get(1).get("resolved").asText()).isEqualTo(minute(9).toString());

        // a second replica evaluating the same minutes raises and resolves nothing: the episodes are taken
        CassandraSettings settings = CassandraSettings.fromEnvironment().withKeyspace(KEYSPACE);
        CassandraSessions sessions = new CassandraSessions(settings, false);
        sessions.start();
        try {
            CassandraViewReader views = new CassandraViewReader(sessions);
            SeriesReader reader = new SeriesReader(new ViewCache(views, ViewCache.Settings.NONE));
            MetricRegistry metrics = new MetricRegistry();
            AlertStore store = new AlertStore(sessions);
            AlertEvaluator replica = new AlertEvaluator(store, views, reader,
                    new WindowTrends(views, reader, ShareEstimator.counting(), Duration.ofSeconds(5)), "speed",
                    APP.getConfiguration().getAlerts().settings(), metrics, Clock.systemUTC());
            replica.tick();
            assertThat(evaluatedTo()).isEqualTo(minute(20));
            // a replica late by some minutes evaluates minutes in which the rule held, after their episodes were
            // resolved (as when it was slow on a minute another had moved past): nothing opens again
            Watchlist brand = store.watchlist("brand").orElseThrow();
            for (int i : new int[] {7, 8, 15}) {
                replica.evaluate(brand, minute(i));
            }
            assertThat(store.open("brand")).isEmpty();
            assertThat(metrics.counter("alerts.raised").getCount()).isZero();
            assertThat(metrics.counter("alerts.sent").getCount()).isZero();
            assertThat(store.deliveries("brand")).hasSize(8);
        } finally {
            sessions.stop();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A webhook receiver on loopback: keeps every body it is sent, per path, and answers 200. */
    private static final class Receiver {
        private final HttpServer server;
        private final List<String> json = Collections.synchronizedList(new ArrayList<>());
        private final List<String> slack = Collections.synchronizedList(new ArrayList<>());
        private final List<String> all = Collections.synchronizedList(new ArrayList<>());

        private Receiver(HttpServer server) {
            this.server = server;
        }

        static Receiver start(int port) throws IOException {
            for (int attempt = 0; ; attempt++) {
                try {
                    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
                    Receiver r = new Receiver(server);
                    server.createContext("/", exchange -> {
                        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                        r.all.add(body);
                        JsonNode node = JSON.readTree(body);
                        if (exchange.getRequestURI().getPath().equals("/json")) {
                            r.json.add(node.get("event").asText() + " " + node.get("term").asText() + " "
                                    + node.get("started").asText() + " " + (node.has("resolved") ? node.get("resolved").asText() : "-"));
                        } else {
                            r.slack.add(node.get("text").asText());
                        }
                        exchange.sendResponseHeaders(200, -1);
                        exchange.close();
                    });
                    server.start();
                    return r;
                } catch (BindException e) {
                    if (attempt >= 50) {
                        throw e;
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        }

        void stop() {
            server.stop(0);
        }

        int count() {
            return all.size();
        }

        List<String> json() {
            return List.copyOf(json);
        }

        List<String> slack() {
            return List.copyOf(slack);
        }

        List<String> all() {
            return List.copyOf(all);
        }
    }
}
