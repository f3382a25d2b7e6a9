package io.trendwatch.serving;

import org.junit.jupiter.api.extension.RegisterExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.trendwatch.core.config.KafkaAddress;
import io.trendwatch.core.time.Granularity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.datastax.oss.driver.api.core.CqlSession;
import io.trendwatch.store.CassandraConnector;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.views.Tables;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's stream, as {@code bin/demo} makes it (the arguments of {@code bin/lib/demo-stream.args},
 * three hours up to now), through {@code trendwatch generate} and {@code ingest}, the speed layer and
 * the demo's batch run (boundary on the hour 50 minutes ago); then the dashboard as it opens (the last
 * hour, up to now) in a real Chromium must list the bursts still running when the stream ended first,
 * flagged; opened on the burst the demo watches (as the demo prints its address), it must show that burst's
 * example posts as the API answers them. What else is flagged is printed; how rarely the rule flags a steady term in such a stream
 * is {@code DemoStreamRuleTest}'s measure (one stream depends on the minute it starts).
 */
@ExtendWith(LayerProcessesLock.class)
@ExtendWith(DropwizardExtensionsSupport.class)
class DemoDashboardIT {

    private static final String RUN = "demo" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static final String KEYSPACE = "tw_" + RUN;
    @RegisterExtension
    static final TestKeyspace CLEANUP = TestKeyspace.ofLayers(KEYSPACE);
    private static final String TOPIC = "posts-" + RUN;
    private static final Path LOGS = TestApps.ROOT.resolve("serving-layer/target/demo-dashboard-it");

    static final DropwizardAppExtension<ServingConfiguration> APP = TestApps.app(KEYSPACE,
            ConfigOverride.config("requestsPerSecondPerClient", "0"));


    @Test
    void theDashboardAtNowFlagsTheRunningBurstsAtTheTop(@TempDir Path dir) throws Exception {
        Files.createDirectories(LOGS);
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(3));
        List<String> args = new ArrayList<>(List.of("generate"));
        args.addAll(Files.readAllLines(TestApps.ROOT.resolve("bin/lib/demo-stream.args")).stream().filter(l -> !l.isBlank()).toList());
        Path stream = dir.resolve("generated.jsonl");
        Path truth = dir.resolve("bursts.jsonl");
        args.addAll(List.of("--start", start.toString(), "--output", stream.toString(), "--truth", truth.toString()));
        LayerProcess.Result generated = LayerProcess.run(LOGS.resolve("generate.log"), "cli/target/trendwatch-cli.jar",
                args.toArray(String[]::new));
        assertThat(generated.exitCode()).as(generated.output()).isZero();
        Matcher wrote = Pattern.compile("wrote (\\d+) posts").matcher(generated.output());
        assertThat(wrote.find()).as(generated.output()).isTrue();
        long posts = Long.parseLong(wrote.group(1));

        // the bursts still running when the stream ends, and every injected one
        Instant end = start.plus(Duration.ofHours(3));
        List<String> running = new ArrayList<>();
        List<String> injected = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(truth)) {
            JsonNode b = json.readTree(line);
            injected.add(b.get("term").asText());
            if (!Instant.parse(b.get("end").asText()).isBefore(end)) {
                running.add(b.get("term").asText());
            }
        }
        assertThat(running).as("the demo's stream has bursts running at its end").isNotEmpty();

        String query = RUN;
        try (LayerProcess speed = LayerProcess.start(LOGS.resolve("speed.log"), "speed-layer/target/trendwatch-speed-layer.jar",
                "start", "--topic", TOPIC, "--dlq-topic", TOPIC + "-dlq", "--keyspace", KEYSPACE, "--query-name", query,
                "--checkpoint-dir", dir.resolve("ck").toString())) {
            LayerProcess.Result ingest = LayerProcess.run(LOGS.resolve("ingest.log"), "cli/target/trendwatch-cli.jar",
                    "ingest", "--topic", TOPIC, "--bootstrap", KafkaAddress.bootstrap(System.getenv()),
                    stream.toString());
            assertThat(ingest.exitCode()).as(ingest.output()).isZero();
            SpeedCounted.await(KEYSPACE, query, posts, speed, Duration.ofMinutes(8));
            Instant asOf = Granularity.HOUR.bucketStart(Instant.now().minus(Duration.ofMinutes(50)));
            LayerProcess.Result batch = LayerProcess.run(LOGS.resolve("batch.log"), "batch-layer/target/trendwatch-batch-layer.jar",
                    "run", "--as-of", asOf.toString(), "--topic", TOPIC, "--keyspace", KEYSPACE, "--speed-query", query,
                    "--master-dir", dir.resolve("master").toString());
            assertThat(batch.exitCode()).as(batch.output()).isZero();
        }

        ChromeDriver driver = Chromium.open();
        try {
            driver.get("http://localhost:" + APP.getLocalPort() + "/dashboard/");
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
            wait.until(d -> !d.findElements(By.cssSelector("#trends tbody tr")).isEmpty());
            List<WebElement> rows = driver.findElements(By.cssSelector("#trends tbody tr"));
            List<String> terms = new ArrayList<>();
            List<Boolean> flagged = new ArrayList<>();
            for (WebElement r : rows) {
                terms.add(r.getAttribute("data-term"));
                flagged.add(r.getAttribute("class").contains("trending"));
            }
            List<String> others = new ArrayList<>();
            for (int i = 0; i < terms.size(); i++) {
                if (flagged.get(i) && !running.contains(terms.get(i))) {
                    others.add(terms.get(i) + (injected.contains(terms.get(i)) ? " (injected)" : " (steady)"));
                }
            }
            System.out.printf("DemoDashboardIT: running %s; first rows %s; flagged besides them %s%n",
                    running, terms.subList(0, Math.min(8, terms.size())), others);
            List<String> first = terms.subList(0, Math.min(running.size(), terms.size()));
            String evidence = first.containsAll(running) ? "" : evidence(running);
            assertThat(first).as("the running bursts are the first rows of %s%s", terms, evidence)
                    .containsExactlyInAnyOrderElementsOf(running);
            assertThat(flagged.subList(0, running.size())).as("the running bursts are flagged").containsOnly(true);

            // the page the demo prints: opened on its watched burst, with why it trends
            String watched = Files.readAllLines(TestApps.ROOT.resolve("bin/lib/demo-stream.args")).stream()
                    .filter(l -> l.startsWith("#")).map(l -> l.split(",")[0]).findFirst().orElseThrow();
            assertThat(running).contains(watched);
            String encoded = java.net.URLEncoder.encode(watched, java.nio.charset.StandardCharsets.UTF_8);
            driver.get("http://localhost:" + APP.getLocalPort() + "/dashboard/?term=" + encoded);
            wait.until(d -> watched.equals(((org.openqa.selenium.JavascriptExecutor) d)
                    .executeScript("return document.body.dataset.contextTerm || null")));
            JsonNode context = json.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://localhost:" + APP.getLocalPort() + "/api/v1/terms/" + encoded + "/context?window=1h&limit=5")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            List<String> answered = new ArrayList<>();
            // as the browser renders them: runs of white space as one
            context.get("examples").forEach(e -> answered.add(e.get("text").asText().replaceAll("\\s+", " ").strip()));
            List<String> shown = driver.findElements(By.cssSelector("#context-examples li .text")).stream()
                    .map(WebElement::getText).toList();
            System.out.printf("DemoDashboardIT: context of %s: %d minutes with an example, related %s%n", watched,
                    context.get("minutes_with_example").asInt(), context.get("related"));
            assertThat(answered).hasSize(5).allMatch(t -> t.toLowerCase(java.util.Locale.ROOT).contains(watched));
            assertThat(shown).isEqualTo(answered);
            assertThat(driver.findElement(By.id("series-term")).getText()).startsWith(watched);
        } finally {
            driver.quit();
        }
    }

    /** What the API answered and which candidate rows the speed layer wrote for the running bursts. */
    private static String evidence(List<String> running) throws Exception {
        StringBuilder out = new StringBuilder();
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/api/v1/status", "/api/v1/trends?window=1h&limit=20")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + APP.getLocalPort() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            out.append("\n").append(path).append(" at ").append(Instant.now()).append(": ").append(r.body());
        }
        try (CqlSession s = CassandraConnector.connect(CassandraSettings.fromEnvironment())) {
            for (String term : running) {
                s.execute("SELECT bucket, posts, score FROM " + Tables.SPEED_TRENDING.in(KEYSPACE)
                        + " WHERE term = ? ALLOW FILTERING", term).forEach(row -> out.append("\nspeed candidate ").append(term)
                        .append(' ').append(row.getInstant("bucket")).append(" posts ").append(row.getLong("posts")));
            }
        }
        return out.toString();
    }
}
