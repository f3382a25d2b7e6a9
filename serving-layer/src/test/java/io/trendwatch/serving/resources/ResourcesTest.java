package io.trendwatch.serving.resources;

import io.trendwatch.core.sentiment.PolarityRates;
import io.trendwatch.serving.merge.ShareEstimator;
import io.trendwatch.serving.merge.WindowTrends;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.core.view.ExamplePosts;
import io.trendwatch.serving.context.TermContexts;
import io.trendwatch.serving.ServingApplication;
import io.trendwatch.serving.db.InMemoryViews;
import io.trendwatch.serving.db.SeriesReader;
import io.trendwatch.serving.db.ViewCache;
import io.trendwatch.serving.db.ViewReader.TrendRow;
import io.trendwatch.store.views.BatchRun;
import io.trendwatch.store.views.Layer;
import io.trendwatch.store.views.SpeedStatus;
import io.trendwatch.serving.api.CsvTable;
import jakarta.ws.rs.core.Response;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resources over views held in memory (no Cassandra): what they answer, merged at the boundary, and how they
 * refuse bad parameters. Every view holds a row on the wrong side of the boundary that must never be read.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ResourcesTest {

    private static final Instant BOUNDARY = Instant.parse("2026-03-01T13:00:00Z");
    private static final Instant SERIES_BOUNDARY = Instant.parse("2026-03-01T12:30:00Z");

    private static final InMemoryViews VIEWS = views(BOUNDARY);
    /** Same rows, boundary inside an hour: that hour is summed from batch minutes and speed minutes. */
    private static final InMemoryViews VIEWS_MID_HOUR = views(SERIES_BOUNDARY);

    private final ResourceExtension resources = resources(VIEWS);
    private final ResourceExtension midHour = resources(VIEWS_MID_HOUR);
    /** Same rows, the model in use records its measured rates: 80 % of positives and 20 % of negatives called positive. */
    private static final PolarityRates RATES = new PolarityRates(0.8, 0.2, 500, 400);
    private final ResourceExtension adjusting = resources(views(BOUNDARY).promoted("v8", RATES.metrics()));

    private static ResourceExtension resources(InMemoryViews views) {
        SeriesReader reader = new SeriesReader(ViewCache.none(views));
        return ResourceExtension.builder()
                .setMapper(ServingApplication.configure(new ObjectMapper()))
                .addResource(new TermsResource(reader, 10_000))
                .addResource(new TrendsResource(new WindowTrends(views, reader, ShareEstimator.of(views), Duration.ofSeconds(5))))
                .addResource(new StatusResource(views, "speed"))
                .addResource(new SentimentResource(reader, ShareEstimator.of(views), 10_000))
                .addResource(new ShareResource(reader, 10_000))
                .addResource(new ContextResource(new TermContexts(views, reader, ShareEstimator.of(views))))
                .addProvider(new CsvWriter())
                .addProvider(new FormatParameter())
                .addProvider(new ErrorMappers.BadParameter())
                .build();
    }

    private static InMemoryViews views(Instant boundary) {
        InMemoryViews v = new InMemoryViews().boundary(boundary, "run-1").promoted("v7")
                .run(new BatchRun("run-1", boundary, boundary, t("2026-03-02T00:30"), t("2026-03-02T00:50"), "published",
                        1_234L, 567L, 890L, "v7"))
                .status(new SpeedStatus("speed", t("2026-03-01T13:31"), 42L, 3L, 2L, 1L, null, t("2026-03-01T13:30"),
                        t("2026-03-01T13:20"), 950.0, "running", null, t("2026-03-01T09:00")));
        for (String h : List.of("10", "11", "12")) {
            v.count(Layer.BATCH, "", Granularity.HOUR, t("2026-03-01T" + h + ":00"), 1_000, 0, 1_000, 0);
        }
        v.count(Layer.BATCH, "#sale", Granularity.HOUR, t("2026-03-01T10:00"), 20, 10, 5, 5)
                .count(Layer.BATCH, "#sale", Granularity.HOUR, t("2026-03-01T11:00"), 30, 10, 10, 10)
                .count(Layer.BATCH, "#sale", Granularity.HOUR, t("2026-03-01T12:00"), 40, 20, 10, 10)
                .count(Layer.BATCH, "#sale", Granularity.MINUTE, t("2026-03-01T12:10"), 14, 4, 5, 5)
                .count(Layer.BATCH, "#sale", Granularity.MINUTE, t("2026-03-01T12:20"), 24, 14, 5, 5)
                // the batch layer never writes past its boundary; if a row were there, it must not count
                .count(Layer.BATCH, "#sale", Granularity.HOUR, t("2026-03-01T13:00"), 999, 0, 999, 0)
                .count(Layer.BATCH, "#sale", Granularity.MINUTE, t("2026-03-01T13:05"), 999, 0, 999, 0)
                // a speed minute before the boundary: the batch view is the truth there
                .count(Layer.SPEED, "#sale", Granularity.MINUTE, t("2026-03-01T12:10"), 777, 0, 777, 0)
                .count(Layer.SPEED, "#sale", Granularity.MINUTE, t("2026-03-01T13:05"), 5, 5, 0, 0)
                .count(Layer.SPEED, "#sale", Granularity.MINUTE, t("2026-03-01T13:20"), 6, 0, 0, 6)
                .count(Layer.SPEED, "#new", Granularity.MINUTE, t("2026-03-01T13:10"), 9, 9, 0, 0);
        for (String m : List.of("13:05", "13:10", "13:20")) {
            v.count(Layer.SPEED, "", Granularity.MINUTE, t("2026-03-01T" + m), 100, 0, 100, 0);
        }
        v.example(Layer.BATCH, "#sale", t("2026-03-01T12:10"), example(50, "b1", "2026-03-01T12:10", "#sale big #deal"))
                .example(Layer.BATCH, "#sale", t("2026-03-01T12:20"), example(10, "b2", "2026-03-01T12:20", "#sale #deal today"))
                // rows on the wrong side of the boundary: never read
                .example(Layer.BATCH, "#sale", t("2026-03-01T13:05"), example(1, "wrong-batch", "2026-03-01T13:05", "#sale x"))
                .example(Layer.SPEED, "#sale", t("2026-03-01T12:10"), example(2, "wrong-speed", "2026-03-01T12:10", "#sale y"))
                .example(Layer.SPEED, "#sale", t("2026-03-01T13:05"), example(30, "s1", "2026-03-01T13:05", "#sale #deal now"))
                .example(Layer.SPEED, "#sale", t("2026-03-01T13:20"), example(20, "s2", "2026-03-01T13:20", "#sale tonight"))
                .count(Layer.BATCH, "#deal", Granularity.HOUR, t("2026-03-01T12:00"), 10, 0, 10, 0)
                .count(Layer.SPEED, "#deal", Granularity.MINUTE, t("2026-03-01T13:05"), 2, 0, 2, 0);
        v.trending(Layer.BATCH, Granularity.HOUR, t("2026-03-01T12:00"), new TrendRow("#sale", "hashtag", 40, 3.0, true))
                .trending(Layer.SPEED, Granularity.HOUR, t("2026-03-01T13:00"), new TrendRow("#new", "hashtag", 9, 4.0, true));
        return v;
    }

    @Test
    void aSeriesTakesBatchBeforeTheBoundaryAndSpeedAfterIt() {
        JsonNode body = get(resources, "/api/v1/terms/%23sale/series?from=2026-03-01T10:00:00Z&to=2026-03-01T14:00:00Z&step=hour");
        assertThat(points(body)).containsExactly(
                "2026-03-01T10:00:00Z 20 batch", "2026-03-01T11:00:00Z 30 batch", "2026-03-01T12:00:00Z 40 batch",
                "2026-03-01T13:00:00Z 11 speed");
        assertThat(body.get("boundary").asText()).isEqualTo("2026-03-01T13:00:00Z");

        // boundary at 12:30: the 12:00 hour is batch minutes before it and speed minutes after it, nothing else
        JsonNode straddling = get(midHour, "/api/v1/terms/%23sale/series?from=2026-03-01T10:00:00Z&to=2026-03-01T14:00:00Z&step=hour");
        assertThat(points(straddling)).containsExactly(
                "2026-03-01T10:00:00Z 20 batch", "2026-03-01T11:00:00Z 30 batch", "2026-03-01T12:00:00Z 38 batch",
                "2026-03-01T13:00:00Z 11 speed");
        assertThat(points(get(midHour, "/api/v1/terms/%23sale/series?from=2026-03-01T12:00:00Z&to=2026-03-01T13:30:00Z&step=minute")))
                .containsExactly("2026-03-01T12:10:00Z 14 batch", "2026-03-01T12:20:00Z 24 batch",
                        "2026-03-01T13:05:00Z 5 speed", "2026-03-01T13:20:00Z 6 speed");
    }

    @Test
    void aContextTakesEachMinutesExampleFromTheSideOfTheBoundaryItIsOn() throws Exception {
        for (ResourceExtension ext : List.of(resources, midHour)) {
            JsonNode body = get(ext, "/api/v1/terms/%23sale/context?window=24h&at=2026-03-01T13:30:00Z&limit=10");
            List<String> examples = new ArrayList<>();
            body.get("examples").forEach(e -> examples.add(e.get("id").asText() + " " + e.get("source").asText()));
            assertThat(examples).containsExactly("b2 batch", "s2 speed", "s1 speed", "b1 batch");
            assertThat(body.get("minutes_with_example").asInt()).isEqualTo(4);
            JsonNode deal = body.get("related").get(0);
            assertThat(deal.get("term").asText()).isEqualTo("#deal");
            assertThat(deal.get("examples").asLong()).isEqualTo(3);
            assertThat(body.get("related")).hasSize(1);
        }
        JsonNode body = get(resources, "/api/v1/terms/%23sale/context?window=24h&at=2026-03-01T13:30:00Z&limit=2");
        assertThat(body.get("examples")).hasSize(2);
        // the counted hours: batch hours 10-12 (3,000 posts, #deal 10), speed minutes of 13:00 (300, #deal 2)
        JsonNode deal = body.get("related").get(0);
        assertThat(deal.get("posts").asLong()).isEqualTo(12);
        assertThat(deal.get("share_of_posts").asDouble()).isEqualTo(12.0 / 3_300);
        assertThat(deal.get("lift").asDouble()).isCloseTo((3.0 / 4) / (12.0 / 3_300), org.assertj.core.data.Offset.offset(1e-9));
        JsonNode window = body.get("sentiment").get("window");
        assertThat(window.get("posts").asLong()).isEqualTo(101);
        assertThat(window.get("positive").asLong()).isEqualTo(45);
        assertThat(window.get("negative").asLong()).isEqualTo(31);
        assertThat(body.get("sentiment").get("baseline").get("posts").asLong()).isZero();
        assertThat(body.get("sentiment").get("positive_share_change").isNull()).isTrue();

        Response csv = request(resources, "/api/v1/terms/%23sale/context?window=24h&at=2026-03-01T13:30:00Z&limit=2&format=csv");
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new java.io.StringReader(csv.readEntity(String.class))).getRecords();
        assertThat(rows).extracting(r -> r.get("section") + " " + r.get("id") + r.get("related_term"))
                .containsExactly("example b2", "example s2", "related #deal");

        Response bad = request(resources, "/api/v1/terms/%23sale/context?window=2h");
        assertThat(bad.getStatus()).isEqualTo(400);
        assertThat(bad.readEntity(String.class)).contains("window");
        assertThat(request(resources, "/api/v1/terms/%23sale/context?limit=21").getStatus()).isEqualTo(400);
        assertThat(request(resources, "/api/v1/terms/%23sale/context?at=yesterday").getStatus()).isEqualTo(400);
    }

    @Test
    void sharesAreAdjustedByTheMeasuredRatesOfTheModelInUseAndTheCountsStayExact() {
        String path = "/api/v1/sentiment?term=%23sale&from=2026-03-01T10:00:00Z&to=2026-03-01T14:00:00Z";
        // #sale at minute step: batch minutes 12:10 and 12:20, speed minutes 13:05 and 13:20: 23 / 10 / 16
        JsonNode counted = get(resources, path);
        JsonNode adjusted = get(adjusting, path);
        for (JsonNode body : List.of(counted, adjusted)) {
            assertThat(body.get("positive").asLong()).isEqualTo(23);
            assertThat(body.get("neutral").asLong()).isEqualTo(10);
            assertThat(body.get("negative").asLong()).isEqualTo(16);
            assertThat(body.get("positive_share").asDouble()).isEqualTo(23.0 / 49);
            assertThat(body.get("negative_share").asDouble()).isEqualTo(16.0 / 49);
        }
        // v7's card records no rates: the estimate is the count
        assertThat(counted.get("share_estimate").asText()).isEqualTo("counted");
        assertThat(counted.get("estimated_positive_share").asDouble()).isEqualTo(23.0 / 49);
        assertThat(counted.get("estimated_negative_share").asDouble()).isEqualTo(16.0 / 49);
        // v8's: of the 39 polar posts 23 were called positive, (23/39 - 0.2) / (0.8 - 0.2) of them truly are
        double positiveOfPolar = (23.0 / 39 - 0.2) / 0.6;
        assertThat(adjusted.get("share_estimate").asText()).isEqualTo("adjusted");
        assertThat(adjusted.get("sentiment_model").asText()).isEqualTo("v8");
        assertThat(adjusted.get("estimated_positive_share").asDouble())
                .isCloseTo(positiveOfPolar * 39 / 49, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(adjusted.get("estimated_negative_share").asDouble())
                .isCloseTo((1 - positiveOfPolar) * 39 / 49, org.assertj.core.data.Offset.offset(1e-12));

        // the context's hours: 45 / 25 / 31 of 101, the change against the 7 days before of the estimated shares
        JsonNode shift = get(adjusting, "/api/v1/terms/%23sale/context?window=24h&at=2026-03-01T13:30:00Z&limit=2")
                .get("sentiment");
        assertThat(shift.get("share_estimate").asText()).isEqualTo("adjusted");
        assertThat(shift.get("window").get("positive_share").asDouble()).isEqualTo(45.0 / 101);
        assertThat(shift.get("window").get("estimated_positive_share").asDouble())
                .isCloseTo((45.0 / 76 - 0.2) / 0.6 * 76 / 101, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(get(resources, "/api/v1/terms/%23sale/context?window=24h&at=2026-03-01T13:30:00Z&limit=2")
                .get("sentiment").get("share_estimate").asText()).isEqualTo("counted");

        // a trending term's split, as the dashboard's bars draw it
        JsonNode trends = get(adjusting, "/api/v1/trends?window=24h&at=2026-03-01T13:30:00Z&limit=10");
        assertThat(trends.get("share_estimate").asText()).isEqualTo("adjusted");
        assertThat(trends.get("sentiment_model").asText()).isEqualTo("v8");
        JsonNode sale = null;
        for (JsonNode i : trends.get("trends")) {
            sale = i.get("term").asText().equals("#sale") ? i : sale;
        }
        assertThat(sale.get("positive").asLong()).isEqualTo(45);
        assertThat(sale.get("estimated_positive_share").asDouble())
                .isCloseTo((45.0 / 76 - 0.2) / 0.6 * 76 / 101, org.assertj.core.data.Offset.offset(1e-12));
        JsonNode countedTrends = get(resources, "/api/v1/trends?window=24h&at=2026-03-01T13:30:00Z&limit=10");
        assertThat(countedTrends.get("share_estimate").asText()).isEqualTo("counted");
        for (JsonNode i : countedTrends.get("trends")) {
            long scored = i.get("positive").asLong() + i.get("neutral").asLong() + i.get("negative").asLong();
            assertThat(i.get("estimated_negative_share").asDouble()).isEqualTo((double) i.get("negative").asLong() / scored);
        }
    }

    private static ExamplePosts.Example example(long rank, String id, String minute, String text) {
        return new ExamplePosts.Example(rank, id, t(minute).plusSeconds(7), text, "neutral");
    }

    @Test
    void trendsCountCandidatesOfBothLayersThroughTheMerge() {
        JsonNode body = get(resources, "/api/v1/trends?window=24h&at=2026-03-01T13:30:00Z&limit=10");
        List<String> items = new ArrayList<>();
        body.get("trends").forEach(i -> items.add(i.get("term").asText() + " " + i.get("posts").asLong() + " "
                + i.get("positive").asLong() + "/" + i.get("neutral").asLong() + "/" + i.get("negative").asLong() + " "
                + i.get("sources")));
        // #sale: batch hours 10-12 (90) and speed minutes after 13:00 (11); #new: speed only
        assertThat(items).containsExactlyInAnyOrder("#sale 101 45/25/31 [\"batch\",\"speed\"]", "#new 9 9/0/0 [\"speed\"]");
    }

    @Test
    void statusReportsTheBoundaryTheRunAndTheSpeedLayer() {
        JsonNode body = get(resources, "/api/v1/status");
        assertThat(body.get("boundary").asText()).isEqualTo("2026-03-01T13:00:00Z");
        assertThat(body.get("last_run_id").asText()).isEqualTo("run-1");
        assertThat(body.get("last_run_status").asText()).isEqualTo("published");
        assertThat(body.get("last_run_input_posts").asLong()).isEqualTo(1_234);
        assertThat(body.get("speed_lag_records").asLong()).isEqualTo(3);
        assertThat(body.get("speed_lost_records").asLong()).as("never written: none lost").isZero();
        assertThat(body.get("speed_state").asText()).isEqualTo("running");
        assertThat(body.get("sentiment_model").asText()).isEqualTo("v7");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/api/v1/terms/%23sale/series?from=yesterday                                              | from",
            "/api/v1/terms/%23sale/series?step=week                                                   | step",
            "/api/v1/terms/%23sale/series?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z           | to",
            "/api/v1/terms/%21%21%21/series                                                            | term",
            "/api/v1/trends?window=2h                                                                  | window",
            "/api/v1/trends?limit=0                                                                    | limit",
            "/api/v1/trends?kind=people                                                                | kind",
            "/api/v1/trends?at=now                                                                     | at",
            "/api/v1/share?from=2026-03-01T10:00:00Z                                                   | terms",
            "/api/v1/share?terms=%23sale                                                               | terms",
            "/api/v1/share?terms=a,b,c,d,e,f,g,h,i,j,k                                                 | terms",
            "/api/v1/share?terms=%23sale,%23Sale                                                       | terms",
            "/api/v1/share?terms=%23sale,%21%21%21                                                     | terms",
            "/api/v1/share?terms=%23sale,%23new&step=week                                              | step",
    })
    void badParametersAreA400NamingTheParameter(String path, String parameter) {
        Response r = request(resources, path.strip());
        assertThat(r.getStatus()).isEqualTo(400);
        JsonNode body = r.readEntity(JsonNode.class);
        assertThat(body.get("parameter").asText()).isEqualTo(parameter);
        assertThat(body.get("message").asText()).contains("'" + parameter + "'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/api/v1/terms/%23sale/series?from=2026-03-01T10:00:00Z&to=2026-03-01T14:00:00Z&step=hour | points | series-_sale-hour.csv",
            "/api/v1/terms/%23sale/series?from=2026-03-01T12:00:00Z&to=2026-03-01T13:30:00Z&step=minute | points | series-_sale-minute.csv",
            "/api/v1/trends?window=24h&at=2026-03-01T13:30:00Z&limit=10                               | trends | trends-24h.csv",
            "/api/v1/sentiment?term=%23sale&from=2026-03-01T10:00:00Z&to=2026-03-01T14:00:00Z          |        | sentiment-_sale.csv",
    })
    void csvAnswersHoldTheJsonNumbers(String path, String list, String file) throws Exception {
        JsonNode json = get(resources, path.strip());
        Response asked = resources.client().target(resources.target("/").getUri().resolve(path.strip()))
                .request(CsvTable.MEDIA_TYPE).get();
        assertThat(asked.getStatus()).isEqualTo(200);
        assertThat(asked.getHeaderString("Content-Type")).startsWith("text/csv");
        assertThat(asked.getHeaderString("Content-Disposition")).isEqualTo("attachment; filename=\"" + file.strip() + "\"");
        String csv = asked.readEntity(String.class);
        // format=csv is the same as asking for text/csv
        Response linked = request(resources, path.strip() + "&format=csv");
        assertThat(linked.getStatus()).isEqualTo(200);
        assertThat(linked.readEntity(String.class)).isEqualTo(csv);

        List<JsonNode> items = new ArrayList<>();
        if (list == null) {
            items.add(json);
        } else {
            json.get(list).forEach(items::add);
        }
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new java.io.StringReader(csv)).getRecords();
        assertThat(rows).hasSameSizeAs(items).isNotEmpty();
        for (int i = 0; i < rows.size(); i++) {
            for (Map.Entry<String, String> cell : rows.get(i).toMap().entrySet()) {
                String column = cell.getKey();
                JsonNode value = items.get(i).has(column) ? items.get(i).get(column) : json.get(column);
                String where = path + " row " + i + " column " + column;
                if (column.equals("rank")) {
                    assertThat(cell.getValue()).as(where).isEqualTo(Integer.toString(i + 1));
                } else if (value == null || value.isNull()) {
                    assertThat(cell.getValue()).as(where).isEmpty();
                } else if (value.isArray()) {
                    List<String> parts = new ArrayList<>();
                    value.forEach(v -> parts.add(v.asText()));
                    assertThat(cell.getValue()).as(where).isEqualTo(String.join(" ", parts));
                } else if (value.isNumber()) {
                    assertThat(Double.parseDouble(cell.getValue())).as(where).isEqualTo(value.asDouble());
                } else {
                    assertThat(cell.getValue()).as(where).isEqualTo(value.asText());
                }
            }
            // and every field of the JSON item is a column
            Map<String, String> columns = rows.get(i).toMap();
            for (java.util.Iterator<String> f = items.get(i).fieldNames(); f.hasNext(); ) {
                String field = f.next();
                if (!field.equals("prediction") && !field.equals(list)) {
                    assertThat(columns).as(path + " row " + i).containsKey(field);
                }
            }
        }
    }

    @Test
    void withoutAFormatTheAnswerIsJsonAndAnUnknownFormatIsA400NamingIt() {
        Response plain = request(resources, "/api/v1/trends?window=24h&at=2026-03-01T13:30:00Z");
        assertThat(plain.getStatus()).isEqualTo(200);
        assertThat(plain.getMediaType().toString()).startsWith("application/json");
        Response json = request(resources, "/api/v1/trends?window=24h&at=2026-03-01T13:30:00Z&format=json");
        assertThat(json.getMediaType().toString()).startsWith("application/json");
        Response bad = request(resources, "/api/v1/trends?window=24h&format=xml");
        assertThat(bad.getStatus()).isEqualTo(400);
        JsonNode body = bad.readEntity(JsonNode.class);
        assertThat(body.get("parameter").asText()).isEqualTo("format");
        assertThat(body.get("message").asText()).contains("'format'");
    }

    @Test
    void shareOfVoiceSplitsTheTermsMentionsAndAllPostsThroughTheMerge() throws Exception {
        String path = "/api/v1/share?terms=%23sale,%23new&from=2026-03-01T10:00:00Z&to=2026-03-01T14:00:00Z&step=hour";
        JsonNode body = get(resources, path);
        // from the views above: #sale batch hours 20, 30, 40 and speed minutes 5 + 6 after the boundary; #new 9 (speed);
        // all posts 1,000 a batch hour and 3 x 100 speed minutes
        List<String> points = new ArrayList<>();
        body.get("points").forEach(p -> {
            StringBuilder line = new StringBuilder(p.get("bucket").asText() + " all " + p.get("all_posts").asLong()
                    + " mentions " + p.get("mentions").asLong());
            p.get("shares").forEach(t -> line.append(" | ").append(t.get("term").asText()).append(' ')
                    .append(t.get("posts").asLong()).append(' ').append(t.get("share_of_voice").asDouble()).append(' ')
                    .append(t.get("share_of_posts").asDouble()));
            points.add(line.toString());
        });
        assertThat(points).containsExactly(
                "2026-03-01T10:00:00Z all 1000 mentions 20 | #sale 20 1.0 0.02 | #new 0 0.0 0.0",
                "2026-03-01T11:00:00Z all 1000 mentions 30 | #sale 30 1.0 0.03 | #new 0 0.0 0.0",
                "2026-03-01T12:00:00Z all 1000 mentions 40 | #sale 40 1.0 0.04 | #new 0 0.0 0.0",
                "2026-03-01T13:00:00Z all 300 mentions 20 | #sale 11 0.55 " + 11 / 300.0 + " | #new 9 0.45 0.03");
        assertThat(body.get("all_posts").asLong()).isEqualTo(3_300);
        assertThat(body.get("mentions").asLong()).isEqualTo(110);
        assertThat(body.get("shares").get(0).get("share_of_voice").asDouble()).isEqualTo(101 / 110.0);
        assertThat(body.get("shares").get(1).get("share_of_posts").asDouble()).isEqualTo(9 / 3300.0);

        // the CSV holds the same numbers: a row per bucket and term, then the range's row per term
        Response csv = request(resources, path + "&format=csv");
        assertThat(csv.getHeaderString("Content-Disposition")).isEqualTo("attachment; filename=\"share-hour.csv\"");
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new java.io.StringReader(csv.readEntity(String.class))).getRecords();
        assertThat(rows).hasSize(4 * 2 + 2);
        int r = 0;
        for (JsonNode p : body.get("points")) {
            for (JsonNode t : p.get("shares")) {
                CSVRecord row = rows.get(r++);
                assertThat(row.get("bucket")).isEqualTo(p.get("bucket").asText());
                assertThat(row.get("term")).isEqualTo(t.get("term").asText());
                assertThat(Long.parseLong(row.get("posts"))).isEqualTo(t.get("posts").asLong());
                assertThat(Double.parseDouble(row.get("share_of_voice"))).isEqualTo(t.get("share_of_voice").asDouble());
                assertThat(Double.parseDouble(row.get("share_of_posts"))).isEqualTo(t.get("share_of_posts").asDouble());
                assertThat(Long.parseLong(row.get("all_posts"))).isEqualTo(p.get("all_posts").asLong());
            }
        }
        for (JsonNode t : body.get("shares")) {
            CSVRecord row = rows.get(r++);
            assertThat(row.get("bucket")).isEmpty();
            assertThat(Long.parseLong(row.get("posts"))).isEqualTo(t.get("posts").asLong());
            assertThat(Double.parseDouble(row.get("share_of_voice"))).isEqualTo(t.get("share_of_voice").asDouble());
        }
    }

    @Test
    void onlyTheAnswersThatComeAsCsvReadFormat() {
        assertThat(List.of("api/v1/trends", "/api/v1/trends", "api/v1/sentiment", "api/v1/terms/%23sale/series",
                "api/v1/terms/#sale/series/", "api/v1/share")).allMatch(FormatParameter::appliesTo);
        // the report's format is html or pdf
        assertThat(List.of("api/v1/report", "api/v1/status", "api/v1/topics", "api/v1/terms/a/b/series", "dashboard/"))
                .noneMatch(FormatParameter::appliesTo);
    }

    private static JsonNode get(ResourceExtension ext, String path) {
        Response r = request(ext, path);
        assertThat(r.getStatus()).as(path).isEqualTo(200);
        return r.readEntity(JsonNode.class);
    }

    /** A path with its query string, sent as written (percent-escapes included). */
    private static Response request(ResourceExtension ext, String pathAndQuery) {
        return ext.client().target(ext.target("/").getUri().resolve(pathAndQuery)).request().get();
    }

    private static List<String> points(JsonNode series) {
        List<String> out = new ArrayList<>();
        series.get("points").forEach(p -> out.add(p.get("bucket").asText() + " " + p.get("posts").asLong() + " "
                + p.get("source").asText()));
        return out;
    }

    private static Instant t(String minute) {
        return Instant.parse(minute + ":00Z");
    }
}
