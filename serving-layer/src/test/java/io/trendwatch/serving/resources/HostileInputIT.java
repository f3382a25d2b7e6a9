package io.trendwatch.serving.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.trendwatch.serving.ServingConfiguration;
import io.trendwatch.serving.TestApps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input against the real application: several hundred generated bad
 * requests (huge and negative numbers, out-of-range and malformed instants,
 * 10 KB terms, encoded slashes and dots, every unicode class, bad enums,
 * missing parameters), sent as raw URIs so nothing is cleaned on the way.
 * No answer may be a 5xx; every 4xx is JSON whose message names the
 * parameter at fault.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class HostileInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final DropwizardAppExtension<ServingConfiguration> APP = TestApps.app("tw_hostile_it",
            // the fuzzer sends from one address faster than a person would
            ConfigOverride.config("requestsPerSecondPerClient", "0"));

    /** One generated request: where it goes and which parameter it spoils. */
    private record Probe(String parameter, String pathAndQuery) {
    }

    @Test
    void noBadRequestGetsA5xxAndEvery4xxNamesItsParameter() throws Exception {
        List<Probe> probes = probes();
        assertThat(probes).hasSizeGreaterThanOrEqualTo(300);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://127.0.0.1:" + APP.getLocalPort();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Probe p : probes) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + p.pathAndQuery()))
                    .timeout(Duration.ofSeconds(60)).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            statuses.merge(r.statusCode(), 1, Integer::sum);
            String what = p.pathAndQuery().length() > 160 ? p.pathAndQuery().substring(0, 160) + "…" : p.pathAndQuery();
            if (r.statusCode() >= 500) {
                failures.add(r.statusCode() + " for " + what + ": " + abbreviate(r.body()));
            } else if (r.statusCode() >= 400) {
                String problem = problemWith4xx(r, p.parameter());
                if (problem != null) {
                    failures.add(r.statusCode() + " for " + what + ": " + problem + ": " + abbreviate(r.body()));
                }
            }
        }
        System.out.println("HostileInputIT: " + probes.size() + " requests, answers by status " + statuses
                + ", of which naming the unreadable URI: " + unreadable);
        assertThat(failures).as("answers that break the rule").isEmpty();
        assertThat(unreadable).as("requests no parameter of which could be told").isLessThanOrEqualTo(probes.size() / 50);
        // the generated requests are bad on purpose: most must be refused, not answered
        assertThat(statuses.entrySet().stream().filter(e -> e.getKey() == 400).mapToInt(Map.Entry::getValue).sum())
                .isGreaterThan(probes.size() / 2);
    }

    /** Answers naming the whole URI: requests whose request line could not be read. */
    private static int unreadable;

    private static String problemWith4xx(HttpResponse<String> r, String parameter) {
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/json")) {
            return "not JSON (" + type + ")";
        }
        JsonNode body;
        try {
            body = JSON.readTree(r.body());
        } catch (Exception e) {
            return "unreadable JSON";
        }
        String message = body.path("message").asText("");
        String named = body.path("parameter").asText();
        if (named.equals("uri") && r.statusCode() == 400 && message.startsWith("parameter 'uri'")) {
            unreadable++;   // a request line Jetty could not read at all (a NUL byte): no parameter can be told
            return null;
        }
        if (!parameter.equals(named) || !message.contains(parameter)) {
            return "does not name parameter '" + parameter + "'";
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    // ---- generation -------------------------------------------------------------------------------------------

    private static final String GOOD_FROM = "2016-11-25T00:00:00Z";
    private static final String GOOD_TO = "2016-11-26T00:00:00Z";

    /** One probe of {@code parameter} per value: {@code url} with its {} replaced by the value. */
    private static void each(List<Probe> probes, String parameter, List<String> values, String url) {
        for (String v : values) {
            probes.add(new Probe(parameter, url.replace("{}", v)));
        }
    }

    static List<Probe> probes() {
        Random random = new Random(18);
        List<String> numbers = List.of("0", "-1", "-2147483648", "2147483648", "99999999999999999999999", "1e9", "NaN",
                "0x10", "1.5", "%2B", "%20", "%00", "%D9%A3", "%EF%BC%91%EF%BC%90", "10%2F2", "-0");
        List<String> instants = List.of("+300000000-01-01T00:00:00Z", "-300000000-01-01T00:00:00Z",
                "+1000000000-12-31T23:59:59.999999999Z", "-1000000000-01-01T00:00:00Z", "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59Z", "2016-13-01T00:00:00Z", "2016-11-25T25:00:00Z", "2016-11-25", "yesterday",
                "1480032000000", "2016-11-25T00:00:00+25:00", "2016-11-25T00:00:00", "%E2%80%8B2016-11-25T00:00:00Z",
                "2016-11-25T00:00:00Z%00", "NaN", "-1", "1969-12-31T23:59:59Z", "1000-01-01T00:00:00Z");
        List<String> days = List.of("+999999999-12-31", "-999999999-01-01", "+300000000-01-01", "2016-02-30", "2016-1-1",
                "0000-00-00", "today", "2016-11-25T00:00:00Z", "%2F", "2016%2F11%2F25", "20161125");
        List<String> enums = List.of("week", "2h", "1H", "ALL-", "%2Fetc", "..", "minute%00", "hourly", "999", "null",
                "%F0%9F%94%A5", "%3Cscript%3E");
        List<String> terms = new ArrayList<>(List.of("%2F", "..%2F..%2Fetc%2Fpasswd", "%2E%2E", "%2e%2e%2f", ".%2E", "%5C",
                "%00", "%25", "%C0%AF", "%ED%A0%80", "%FF%FE", "%E2%80%AE", "%E2%80%8B", "%CC%81", "%EF%BC%83sale",
                "%EE%80%80", "%F4%8F%BF%BF", "%F0%9F%98%80", "%D8%A7%D9%84%D8%B9%D8%B1%D8%A8%D9%8A%D8%A9", "%E4%B8%AD%E6%96%87",
                "%07", "%1B%5B31m", "%7F", "%20%20", "%23", "%40", "%24", "%23%23%23", "%3Cscript%3E", "%27%3B%20DROP%20TABLE",
                "a%0D%0ASet-Cookie:x", "%C2%A0", "%E3%80%80"));
        terms.add("%23" + "a".repeat(10_240));
        terms.add("x".repeat(10_240));
        terms.add("%F0%9F%94%A5".repeat(1_000));
        terms.add("%C3%A9".repeat(5_000));

        List<Probe> probes = new ArrayList<>();
        String range = "&from=" + GOOD_FROM + "&to=" + GOOD_TO;
        // /trends: window, limit, kind, at
        each(probes, "window", enums, "/api/v1/trends?window={}");
        each(probes, "kind", enums, "/api/v1/trends?kind={}");
        each(probes, "limit", numbers, "/api/v1/trends?limit={}");
        each(probes, "at", instants, "/api/v1/trends?window=7d&at={}");
        // /terms/{term}/series: term, from, to, step
        each(probes, "term", terms, "/api/v1/terms/{}/series?" + range.substring(1));
        each(probes, "from", instants, "/api/v1/terms/%23sale/series?from={}&to=" + GOOD_TO);
        each(probes, "to", instants, "/api/v1/terms/%23sale/series?from=" + GOOD_FROM + "&to={}");
        each(probes, "to", instants, "/api/v1/terms/%23sale/series?to={}");
        each(probes, "step", enums, "/api/v1/terms/%23sale/series?step={}" + range);
        probes.add(new Probe("to", "/api/v1/terms/%23sale/series?from=2000-01-01T00:00:00Z&to=2016-01-01T00:00:00Z&step=minute"));
        probes.add(new Probe("to", "/api/v1/terms/%23sale/series?from=" + GOOD_TO + "&to=" + GOOD_FROM));
        // /sentiment: term, from, to
        each(probes, "term", terms, "/api/v1/sentiment?term={}" + range);
        each(probes, "from", instants, "/api/v1/sentiment?from={}&to=" + GOOD_TO);
        each(probes, "to", instants, "/api/v1/sentiment?from=" + GOOD_FROM + "&to={}");
        // /share: terms, from, step; and format, on the answers that come as CSV too
        each(probes, "terms", terms, "/api/v1/share?terms=%23sale,{}" + range);
        each(probes, "from", instants, "/api/v1/share?terms=%23sale,%23deal&from={}&to=" + GOOD_TO);
        each(probes, "step", enums, "/api/v1/share?terms=%23sale,%23deal&step={}" + range);
        each(probes, "format", enums, "/api/v1/trends?window=1h&format={}");
        each(probes, "format", enums, "/api/v1/terms/%23sale/series?format={}");
        // /terms/{term}/context: term, window, at, limit, format
        each(probes, "window", enums, "/api/v1/terms/%23sale/context?window={}");
        each(probes, "format", enums, "/api/v1/terms/%23sale/context?format={}");
        each(probes, "limit", numbers, "/api/v1/terms/%23sale/context?limit={}");
        each(probes, "at", instants, "/api/v1/terms/%23sale/context?window=7d&at={}");
        each(probes, "term", terms, "/api/v1/terms/{}/context");
        // the edges of the accepted range: a window reaching before 1970, hours reaching 2100
        probes.add(new Probe("at", "/api/v1/terms/%23sale/context?window=7d&at=1970-01-01T00:00:00Z"));
        probes.add(new Probe("at", "/api/v1/terms/%23sale/context?window=24h&at=2099-12-31T23:59:59Z"));
        probes.add(new Probe("terms", "/api/v1/share?terms=" + String.join(",", java.util.Collections.nCopies(11, "%23x"))));
        probes.add(new Probe("terms", "/api/v1/share?terms=%23sale"));
        // /topics: day
        each(probes, "day", days, "/api/v1/topics?day={}");
        probes.add(new Probe("day", "/api/v1/topics"));
        probes.add(new Probe("day", "/api/v1/topics?day="));
        // /report: from, to, format, term (a bad term with a good range must not render anything)
        each(probes, "from", days, "/api/v1/report?from={}&to=2016-11-25");
        each(probes, "to", days, "/api/v1/report?from=2016-11-25&to={}");
        each(probes, "format", enums, "/api/v1/report?from=2016-11-25&to=2016-11-25&format={}");
        probes.add(new Probe("from", "/api/v1/report?to=2016-11-25"));
        probes.add(new Probe("to", "/api/v1/report?from=2016-11-25"));
        probes.add(new Probe("to", "/api/v1/report?from=1970-01-01&to=2099-12-31"));
        each(probes, "term", terms.subList(0, 12), "/api/v1/report?from=2016-11-25&to=2016-11-25&format=html&term={}");
        // random mixtures: one spoiled parameter among good ones, any endpoint
        for (int i = 0; i < 60; i++) {
            String instant = instants.get(random.nextInt(instants.size()));
            String term = terms.get(random.nextInt(terms.size() - 4));
            switch (random.nextInt(3)) {
                case 0 -> probes.add(new Probe("at", "/api/v1/trends?window=24h&limit=" + (1 + random.nextInt(100)) + "&at=" + instant));
                case 1 -> probes.add(new Probe("term", "/api/v1/terms/" + term + "/series?step=day&from=" + GOOD_FROM + "&to=" + GOOD_TO));
                default -> probes.add(new Probe("from", "/api/v1/sentiment?term=%23sale&to=" + GOOD_TO + "&from=" + instant));
            }
        }
        Map<String, Probe> unique = new LinkedHashMap<>();
        probes.forEach(p -> unique.putIfAbsent(p.pathAndQuery(), p));
        return List.copyOf(unique.values());
    }
}
