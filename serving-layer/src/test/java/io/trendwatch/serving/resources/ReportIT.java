package io.trendwatch.serving.resources;

import io.trendwatch.serving.TestKeyspace;
import org.junit.jupiter.api.extension.RegisterExtension;
import com.datastax.oss.driver.api.core.CqlSession;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.serving.TestApps;
import io.trendwatch.serving.ViewRows;
import io.trendwatch.store.views.Layer;
import io.trendwatch.store.views.Tables;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code trendwatch report} as a user runs it (the serving layer's jar, a real
 * Cassandra with batch and speed views): the HTML holds every section with the
 * period's terms, and the PDF's pages render to images (kept in target/).
 */
class ReportIT {

    private static final String KEYSPACE = "tw_report_it";
    private static final Instant BOUNDARY = Instant.parse("2016-11-25T12:00:00Z");
    @RegisterExtension
    static final TestKeyspace VIEWS = TestKeyspace.migrated(KEYSPACE);

    @BeforeAll
    static void writeViews() {
        ViewRows rows = VIEWS.rows();
        // #sale rises and turns negative; #old falls; totals for the volume chart
        for (int h = 0; h < 36; h++) {
            Instant hour = Instant.parse("2016-11-24T00:00:00Z").plusSeconds(3600L * h);
            if (hour.isBefore(BOUNDARY)) {
                long sale = h < 24 ? 10 : 100;
                rows.term(Layer.BATCH, "#sale", Granularity.HOUR, hour, sale,
                        h < 24 ? sale * 6 / 10 : sale / 10, sale / 10, h < 24 ? sale * 3 / 10 : sale * 8 / 10, 0);
                rows.term(Layer.BATCH, "#old", Granularity.HOUR, hour, h < 24 ? 50L : 5L, 0, 0, 0, 0);
                rows.total(Layer.BATCH, Granularity.HOUR, hour, 1000, 0, 0, 0, 0);
            }
        }
        for (Instant m = BOUNDARY; m.isBefore(Instant.parse("2016-11-25T13:00:00Z")); m = m.plusSeconds(60)) {
            rows.term(Layer.SPEED, "#sale", Granularity.MINUTE, m, 5, 0, 1, 4, 0);
            rows.total(Layer.SPEED, Granularity.MINUTE, m, 20, 0, 0, 0, 0);
        }
        CqlSession session = VIEWS.session();
        session.execute("INSERT INTO " + Tables.BATCH_RANKINGS.in(KEYSPACE) + " (step, bucket, run_id, rank, term, kind, posts, score) "
                + "VALUES ('hour', ?, 'r', 1, '#sale', 'hashtag', 100, 12.5)", Instant.parse("2016-11-25T00:00:00Z"));
        session.execute("INSERT INTO " + Tables.BATCH_RANKINGS.in(KEYSPACE) + " (step, bucket, run_id, rank, term, kind, posts, score) "
                + "VALUES ('day', ?, 'r', 1, '#old', 'hashtag', 1200, 8.0)", Instant.parse("2016-11-24T00:00:00Z"));
        session.execute("INSERT INTO " + Tables.PUBLISHED_RUNS.in(KEYSPACE) + " (run_id, published_at) VALUES ('r', ?)", Instant.now());
        session.execute("INSERT INTO " + Tables.TOPICS_BY_DAY.in(KEYSPACE) + " (day, topic, terms, weights, share, model_version) "
                + "VALUES ('2016-11-25', 0, ['black', 'friday', 'deals'], [0.1, 0.08, 0.05], 0.6, 't1')");
        session.execute("INSERT INTO " + Tables.BATCH_BOUNDARY.in(KEYSPACE) + " (scope, published_at, boundary, run_id) VALUES (?, ?, ?, 'r')",
                Tables.BOUNDARY_SCOPE, Instant.now(), BOUNDARY);
    }

    @Test
    void theReportCommandWritesHtmlAndAPdfWhosePagesRender() throws Exception {
        Path dir = TestApps.ROOT.resolve("serving-layer/target/report");
        Files.createDirectories(dir);
        Path html = dir.resolve("report.html");
        Path pdf = dir.resolve("report.pdf");
        report("html", html);
        report("pdf", pdf);

        String page = Files.readString(html);
        assertThat(page).contains("Trends report: 2016-11-25 to 2016-11-25", "Top trends", "Biggest risers",
                "Biggest fallers", "Sentiment shifts", "Topics", "black, friday, deals", "data:image/png;base64,");
        // #sale: 100 posts an hour for the 12 batch hours + 5 a minute for an hour of speed, against 240 the day before
        assertThat(page).contains("<td>#sale</td>").contains("1,500").contains("+1,260");
        // #sale (the top trend): 10 % positive, 80 % negative in the batch hours before noon; 0 % and 80 % after
        assertThat(page).contains("<td>#sale</td><td class=\"n\">1,200</td><td class=\"n\">10%</td><td class=\"n\">80%</td>"
                + "<td class=\"n\">300</td><td class=\"n\">0%</td><td class=\"n\">80%</td><td class=\"n down\">-10 pts</td>");
        assertThat(page.indexOf("Biggest fallers")).isLessThan(page.indexOf("<td>#old</td>", page.indexOf("Biggest fallers")));
        assertThat(page).doesNotContain("src=\"http", "href=\"http");   // self-contained: opens without the app

        assertEveryPageRenders(pdf, dir, "report-page-");
    }

    /** The report the demo wrote of its own data (docs/report-example.pdf) renders too, page by page. */
    @Test
    void theDemosReportRenders() throws Exception {
        Path dir = TestApps.ROOT.resolve("serving-layer/target/report");
        Files.createDirectories(dir);
        assertEveryPageRenders(TestApps.ROOT.resolve("docs/report-example.pdf"), dir, "demo-report-page-");
        assertThat(Files.readString(TestApps.ROOT.resolve("docs/report-example.html")))
                .contains("Top trends", "Biggest risers", "Sentiment shifts", "Topics", "data:image/png;base64,");
    }

    private static void report(String format, Path out) throws Exception {
        Path jar = TestApps.ROOT.resolve("serving-layer/target/trendwatch-serving-layer.jar");
        assertThat(jar).as("the serving layer is packaged before its integration tests").exists();
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Djava.awt.headless=true", "-jar", jar.toString(), "report", "--from", "2016-11-25", "--to", "2016-11-25",
                "--format", format, "--out", out.toString(), TestApps.ROOT.resolve("serving-layer/config.yml").toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(out.resolveSibling(format + ".log").toFile());
        pb.environment().put("TRENDWATCH_KEYSPACE", KEYSPACE);
        Process p = pb.start();
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(out.resolveSibling(format + ".log"))).isZero();
        assertThat(out).exists();
    }

    /** Renders each page of {@code pdf} to {@code dir/prefixN.png}; each must hold some ink. */
    private static void assertEveryPageRenders(Path pdf, Path dir, String prefix) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertThat(doc.getNumberOfPages()).isGreaterThanOrEqualTo(1);
            PDFRenderer renderer = new PDFRenderer(doc);
            for (int i = 0; i < doc.getNumberOfPages(); i++) {
                BufferedImage image = renderer.renderImageWithDPI(i, 72);
                ImageIO.write(image, "png", dir.resolve(prefix + (i + 1) + ".png").toFile());
                // the first page holds the title and charts; a last page may hold only a few lines
                assertThat(inkedShare(image)).as("page %d has content", i + 1).isGreaterThan(i == 0 ? 0.01 : 0.0);
            }
        }
    }

    /** The share of pixels that are not near-white. */
    private static double inkedShare(BufferedImage image) {
        long inked = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16) & 0xff) < 230 || ((rgb >> 8) & 0xff) < 230 || (rgb & 0xff) < 230) {
                    inked++;
                }
            }
        }
        return inked / ((image.getHeight() / 2.0) * (image.getWidth() / 2.0));
    }
}
