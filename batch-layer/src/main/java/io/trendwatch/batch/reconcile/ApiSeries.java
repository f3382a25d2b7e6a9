package io.trendwatch.batch.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trendwatch.core.time.Granularity;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads series through the serving layer's public API: what a user reads, merged at the boundary in force. */
public final class ApiSeries {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    /** Answers of 429 or 503 waited out before a bucket is given up (about a minute at one second each). */
    private static final int MAX_RETRIES = 60;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ApiSeries(URI base) {
        this.base = base;
    }

    public AnsweredSeries series(String term, Granularity step, Instant from, Instant to)
            throws IOException, InterruptedException {
        URI uri = base.resolve("/api/v1/terms/" + URLEncoder.encode(term, StandardCharsets.UTF_8).replace("+", "%20")
                + "/series?step=" + step.label() + "&from=" + from + "&to=" + to);
        JsonNode body = get(uri);
        Map<Instant, AnsweredSeries.Point> points = new LinkedHashMap<>();
        for (JsonNode p : body.path("points")) {
            points.put(Instant.parse(p.get("bucket").asText()), new AnsweredSeries.Point(p.get("posts").asLong(),
                    p.get("source").asText()));
        }
        List<AnsweredSeries.Span> spans = new ArrayList<>();
        for (JsonNode s : body.path("not_kept")) {
            spans.add(new AnsweredSeries.Span(Instant.parse(s.get("from").asText()), Instant.parse(s.get("to").asText()),
                    s.get("view").asText(), s.get("min_posts").asLong()));
        }
        return new AnsweredSeries(term, Instant.parse(body.get("boundary").asText()), points, spans);
    }

    private JsonNode get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> r;
        int attempt = 0;
        while (true) {
            try {
                r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException e) {
                throw new IOException("the API is not reachable at " + base + ": start it with `bin/trendwatch serve` "
                        + "or pass --api", e);
            }
            // over the API's rate limit, or briefly without Cassandra: wait as told, then ask again
            boolean retriable = r.statusCode() == 429 || r.statusCode() == 503;
            if (!retriable || ++attempt > MAX_RETRIES) {
                break;
            }
            long seconds = r.headers().firstValue("Retry-After").map(ApiSeries::seconds).orElse(1L);
            Thread.sleep(Duration.ofSeconds(Math.min(seconds, 30)).toMillis());
        }
        if (r.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private static long seconds(String retryAfter) {
        try {
            return Math.max(1, Long.parseLong(retryAfter.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
