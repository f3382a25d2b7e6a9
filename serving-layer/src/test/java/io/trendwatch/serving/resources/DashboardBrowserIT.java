package io.trendwatch.serving.resources;

import io.trendwatch.serving.TestKeyspace;
import org.junit.jupiter.api.extension.RegisterExtension;
import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.serving.ServingConfiguration;
import io.trendwatch.serving.Chromium;
import io.trendwatch.serving.TestApps;
import io.trendwatch.serving.ViewRows;
import io.trendwatch.core.view.ExamplePosts;
import io.trendwatch.store.views.Layer;
import io.trendwatch.store.views.Tables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real headless Chromium (Debian's chromium and
 * chromedriver), against the real API on a real Cassandra: the trends table
 * fills with what the API says, clicking a term draws its series, and a
 * screenshot is kept as target/dashboard.png, the share, watchlist and context panels as target/dashboard-share.png,
 * target/dashboard-watchlists.png and target/dashboard-context.png.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DashboardBrowserIT {

    private static final String KEYSPACE = "tw_dashboard_it";
    private static final Instant BOUNDARY = Instant.parse("2016-11-25T12:20:00Z");
    private static final String AT = "2016-11-25T12:50:00Z";

    static final DropwizardAppExtension<ServingConfiguration> APP = TestApps.app(KEYSPACE);

    @RegisterExtension
    static final TestKeyspace VIEWS = TestKeyspace.migrated(KEYSPACE);

    @BeforeAll
    static void writeViews() {
        ViewRows rows = VIEWS.rows();
        CqlSession session = VIEWS.session();
        for (String term : List.of("#sale", "#deal")) {
            long scale = term.equals("#sale") ? 3 : 1;
            for (Instant m = Instant.parse("2016-11-25T10:00:00Z"); m.isBefore(BOUNDARY); m = m.plusSeconds(60)) {
                rows.term(Layer.BATCH, term, Granularity.MINUTE, m, 2 * scale, scale, scale, 0, 0);
            }
            // the batch layer's complete hours before the boundary (the straddling hour comes from minutes)
            for (String h : List.of("10", "11")) {
                Instant hour = Instant.parse("2016-11-25T" + h + ":00:00Z");
                rows.term(Layer.BATCH, term, Granularity.HOUR, hour, 120 * scale, 60 * scale, 60 * scale, 0, 0);
            }
            for (Instant m = BOUNDARY; m.isBefore(Instant.parse(AT)); m = m.plusSeconds(60)) {
                rows.term(Layer.SPEED, term, Granularity.MINUTE, m, 20 * scale, 0, 10 * scale, 10 * scale, 0);
            }
            session.execute("INSERT INTO " + Tables.SPEED_TRENDING.in(KEYSPACE) + " (step, bucket, term, kind, posts, score) "
                    + "VALUES ('hour', ?, ?, 'hashtag', ?, ?)", Instant.parse("2016-11-25T12:00:00Z"), term, 600 * scale, 5.0 * scale);
        }
        // examples of #sale: a batch minute before the boundary, speed minutes after it, every one naming #launch
        rows.example(Layer.BATCH, "#sale", Instant.parse("2016-11-25T12:10:00Z"), new ExamplePosts.Example(40, "b-1",
                Instant.parse("2016-11-25T12:10:31Z"), "Early #sale for the #launch, doors at nine", "positive"));
        for (int i = 0; i < 6; i++) {
            Instant m = BOUNDARY.plusSeconds(300 + 240L * i);
            rows.example(Layer.SPEED, "#sale", m, new ExamplePosts.Example(10 + i, "s-" + i, m.plusSeconds(12),
                    List.of("The #launch #sale queue is around the block", "Got the #launch bundle in the #sale, worth it",
                            "#sale price held for the #launch day", "Shipping delayed on my #launch #sale order",
                            "#launch #sale sold out online already", "Second #sale drop for the #launch at noon").get(i),
                    i == 3 ? "negative" : "positive"));
        }
        for (Instant m = Instant.parse("2016-11-25T10:00:00Z"); m.isBefore(BOUNDARY); m = m.plusSeconds(60)) {
            rows.total(Layer.BATCH, Granularity.MINUTE, m, 40, 20, 20, 0, 0);
        }
        for (String h : List.of("10", "11")) {
            rows.total(Layer.BATCH, Granularity.HOUR, Instant.parse("2016-11-25T" + h + ":00:00Z"), 2_400, 1_200, 1_200, 0, 0);
            rows.term(Layer.BATCH, "#launch", Granularity.HOUR, Instant.parse("2016-11-25T" + h + ":00:00Z"), 6, 3, 3, 0, 0);
        }
        for (Instant m = BOUNDARY; m.isBefore(Instant.parse(AT)); m = m.plusSeconds(60)) {
            rows.total(Layer.SPEED, Granularity.MINUTE, m, 200, 0, 100, 100, 0);
            rows.term(Layer.SPEED, "#launch", Granularity.MINUTE, m, 8, 4, 2, 2, 0);
        }
        session.execute("INSERT INTO " + Tables.BATCH_BOUNDARY.in(KEYSPACE) + " (scope, published_at, boundary, run_id) "
                + "VALUES (?, ?, ?, 'run-1')", Tables.BOUNDARY_SCOPE, Instant.now(), BOUNDARY);
        session.execute("INSERT INTO " + Tables.BATCH_RUNS.in(KEYSPACE) + " (run_id, status) VALUES ('run-1', 'published')");
        // a watchlist with one resolved and one open episode, as the alert evaluator leaves them
        session.execute(Tables.WATCHLISTS.insert(KEYSPACE, "name, terms, rules, webhooks, updated_at"), "brand",
                List.of("#sale", "#deal"), "[{\"kind\":\"volume_above\",\"threshold\":50.0,\"minutes\":2}]", "[]", Instant.now());
        session.execute(Tables.ALERT_HISTORY.insert(KEYSPACE, "watchlist, started, term, rule_key, value, resolved, resolved_value"),
                "brand", Instant.parse("2016-11-25T11:02:00Z"), "#sale", "volume_above>50/2m", 60.0,
                Instant.parse("2016-11-25T11:09:00Z"), 6.0);
        session.execute(Tables.ALERT_HISTORY.insert(KEYSPACE, "watchlist, started, term, rule_key, value"),
                "brand", Instant.parse("2016-11-25T12:40:00Z"), "#sale", "volume_above>50/2m", 60.0);
    }

    @Test
    void theTrendsTableFillsAndClickingATermDrawsItsSeries() throws Exception {
        JsonNode api = new ObjectMapper().readTree(APP.client()
                .target("http://localhost:" + APP.getLocalPort() + "/api/v1/trends?window=1h&limit=20&kind=all&at=" + AT)
                .request().get(String.class)).get("trends");
        assertThat(api).hasSize(2);

        ChromeDriver driver = Chromium.open();
        try {
            driver.get("http://localhost:" + APP.getLocalPort() + "/dashboard/?window=1h&at=" + AT + "&share=%23sale,%23deal");
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));

            // the table fills with the API's trends, in its order
            wait.until(d -> d.findElements(By.cssSelector("#trends tbody tr")).size() == 2);
            List<WebElement> rows = driver.findElements(By.cssSelector("#trends tbody tr"));
            for (int i = 0; i < rows.size(); i++) {
                assertThat(rows.get(i).getAttribute("data-term")).isEqualTo(api.get(i).get("term").asText());
                assertThat(rows.get(i).findElement(By.cssSelector("td.num")).getText().replace(",", ""))
                        .isEqualTo(api.get(i).get("posts").asText());
                assertThat(rows.get(i).getAttribute("class").contains("trending")).as("marked as the API flags it")
                        .isEqualTo(api.get(i).get("trending").asBoolean());
            }
            // the first term's series is drawn at once; clicking the other draws its own
            wait.until(d -> api.get(0).get("term").asText().equals(bodyData(d, "seriesTerm")));
            String other = api.get(1).get("term").asText();
            rows.get(1).click();
            wait.until(d -> other.equals(bodyData(d, "seriesTerm")));
            assertThat(Integer.parseInt(bodyData(driver, "seriesPoints"))).isEqualTo(3);   // hours 10, 11, 12
            assertThat(driver.findElements(By.cssSelector("#series-chart canvas"))).isNotEmpty();
            assertThat(driver.findElement(By.id("series-term")).getText()).startsWith(other);
            assertThat(driver.findElement(By.id("status")).getText()).contains("batch boundary 2016-11-25T12:20Z");
            // the CSV buttons download what the panels show
            List<CSVRecord> trendsCsv = csv(driver.findElement(By.id("trends-csv")));
            assertThat(trendsCsv).hasSize(api.size());
            for (int i = 0; i < trendsCsv.size(); i++) {
                assertThat(trendsCsv.get(i).get("term")).isEqualTo(api.get(i).get("term").asText());
                assertThat(trendsCsv.get(i).get("posts")).isEqualTo(api.get(i).get("posts").asText());
            }
            List<CSVRecord> seriesCsv = csv(driver.findElement(By.id("series-csv")));
            assertThat(seriesCsv).hasSize(3).allMatch(r -> r.get("term").equals(other));
            // why the selected term trends: its examples and #launch beside it, as the API answers
            wait.until(d -> other.equals(bodyData(d, "contextTerm")));
            rows.get(0).click();
            String first = api.get(0).get("term").asText();
            wait.until(d -> first.equals(bodyData(d, "contextTerm")));
            JsonNode context = new ObjectMapper().readTree(APP.client().target("http://localhost:" + APP.getLocalPort()
                    + "/api/v1/terms/" + java.net.URLEncoder.encode(first, java.nio.charset.StandardCharsets.UTF_8)
                    + "/context?window=1h&limit=5&at=" + AT).request().get(String.class));
            List<String> shown = driver.findElements(By.cssSelector("#context-examples li .text")).stream()
                    .map(WebElement::getText).toList();
            List<String> answered = new java.util.ArrayList<>();
            context.get("examples").forEach(e -> answered.add(e.get("text").asText().replaceAll("\\s+", " ").strip()));
            assertThat(shown).isEqualTo(answered);
            if (first.equals("#sale")) {
                assertThat(shown).hasSize(5).allMatch(t -> t.contains("#sale"));
                assertThat(bodyData(driver, "contextRelated")).startsWith("#launch");
            }
            assertThat(driver.getCurrentUrl()).contains("term=" + java.net.URLEncoder.encode(first, java.nio.charset.StandardCharsets.UTF_8));
            List<CSVRecord> contextCsv = csv(driver.findElement(By.id("context-csv")));
            List<String> raw = new java.util.ArrayList<>();
            context.get("examples").forEach(e -> raw.add(e.get("text").asText()));
            assertThat(contextCsv.stream().filter(r -> r.get("section").equals("example")).map(r -> r.get("text")).toList())
                    .isEqualTo(raw);
            // the share of voice of the two terms named in the URL, drawn from the API's answer
            wait.until(d -> "#sale,#deal".equals(bodyData(d, "shareTerms")));
            assertThat(driver.findElements(By.cssSelector("#share-chart canvas"))).isNotEmpty();
            int sharePoints = Integer.parseInt(bodyData(driver, "sharePoints"));
            assertThat(sharePoints).isPositive();
            List<CSVRecord> shareCsv = csv(driver.findElement(By.id("share-csv")));
            assertThat(shareCsv).hasSize(2 * sharePoints + 2);
            // #sale has three times #deal's posts in every bucket the views hold
            assertThat(shareCsv.stream().filter(r -> r.get("term").equals("#sale") && r.get("bucket").isEmpty())
                    .map(r -> r.get("share_of_voice")).findFirst().orElseThrow()).isEqualTo("0.75");
            assertThat(driver.findElement(By.id("share-note")).getText()).contains("#sale 75.0%", "#deal 25.0%");
            // the watchlist and its two episodes, newest first, as the API lists them
            wait.until(d -> "2".equals(bodyData(d, "alerts")));
            assertThat(bodyData(driver, "watchlists")).isEqualTo("1");
            WebElement brand = driver.findElement(By.cssSelector("#watchlists .watchlist[data-name='brand']"));
            assertThat(brand.findElement(By.tagName("h3")).getText()).contains("brand", "#sale, #deal", "> 50/min for 2 min");
            List<String> episodes = brand.findElements(By.cssSelector("tr.open, tr.resolved")).stream()
                    .map(WebElement::getText).toList();
            assertThat(episodes).containsExactly("#sale volume_above>50/2m 2016-11-25 12:40 open 60",
                    "#sale volume_above>50/2m 2016-11-25 11:02 2016-11-25 11:09 60");
            // everything the page loaded came from this application: no CDN
            @SuppressWarnings("unchecked")
            List<String> loaded = (List<String>) ((JavascriptExecutor) driver).executeScript(
                    "return performance.getEntriesByType('resource').map(e => e.name)");
            assertThat(loaded).isNotEmpty().allMatch(u -> u.startsWith("http://localhost:" + APP.getLocalPort() + "/"));

            Thread.sleep(500); // let the chart finish painting for the picture
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Path out = TestApps.ROOT.resolve("serving-layer/target/dashboard.png");
            Files.createDirectories(out.getParent());
            Files.copy(shot.toPath(), out, StandardCopyOption.REPLACE_EXISTING);
            assertThat(Files.size(out)).isGreaterThan(20_000);
            // each panel below the fold on its own, for the README
            for (String panel : List.of("share", "watchlists", "context")) {
                WebElement el = driver.findElement(By.cssSelector("section.panel." + panel));
                ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", el);
                Thread.sleep(300);
                Path part = TestApps.ROOT.resolve("serving-layer/target/dashboard-" + panel + ".png");
                Files.copy(el.getScreenshotAs(OutputType.FILE).toPath(), part, StandardCopyOption.REPLACE_EXISTING);
                assertThat(Files.size(part)).isGreaterThan(5_000);
            }
        } finally {
            driver.quit();
        }
    }

    /** What a download button's link answers, read as the browser would download it. */
    private static List<CSVRecord> csv(WebElement button) throws Exception {
        assertThat(button.getAttribute("download")).as("a download link").isNotNull();
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(button.getAttribute("href"))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new java.io.StringReader(r.body())).getRecords();
    }

    private static String bodyData(org.openqa.selenium.WebDriver d, String key) {
        return (String) ((JavascriptExecutor) d).executeScript("return document.body.dataset." + key + " || null");
    }
}
