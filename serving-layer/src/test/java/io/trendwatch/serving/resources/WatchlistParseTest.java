package io.trendwatch.serving.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trendwatch.serving.alerts.AlertRule;
import io.trendwatch.serving.alerts.Watchlist;
import io.trendwatch.serving.alerts.Webhook;
import io.trendwatch.serving.api.WatchlistView;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WatchlistParseTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Watchlist parse(String body) throws Exception {
        return WatchlistsResource.parse("brand", JSON.readTree(body), CLOCK);
    }

    private static String fieldAtFault(String body) throws Exception {
        JsonNode node = JSON.readTree(body);
        try {
            WatchlistsResource.parse("brand", node, CLOCK);
        } catch (BadParameterException e) {
            return e.parameter() + ": " + e.getMessage();
        }
        throw new AssertionError("accepted " + body);
    }

    @Test
    void aBodyBecomesAWatchlistOfNormalisedTerms() throws Exception {
        Watchlist w = parse("""
                {"terms": ["#Acme", "ACME", "acme"],
                 "rules": [{"kind": "volume_above", "threshold": 30, "minutes": 2}, {"kind": "trending"}],
                 "webhooks": [{"url": "https://hooks.example.com/T000/B000/secret", "format": "slack"},
                              {"url": "http://127.0.0.1:9000/alerts"}]}""");
        assertThat(w.terms()).containsExactly("#acme", "acme");
        assertThat(w.rules()).containsExactly(new AlertRule(AlertRule.Kind.VOLUME_ABOVE, 30.0, 2),
                new AlertRule(AlertRule.Kind.TRENDING, 0.0, 1));
        assertThat(w.webhooks()).containsExactly(new Webhook("https://hooks.example.com/T000/B000/secret", "slack"),
                new Webhook("http://127.0.0.1:9000/alerts", "json"));
        assertThat(w.updatedAt()).isEqualTo(CLOCK.instant());
        // reading is public: a webhook's path (a Slack URL's secret) is never shown
        assertThat(WatchlistView.of(w).webhooks()).extracting(Webhook::url)
                .containsExactly("https://hooks.example.com/…", "http://127.0.0.1:9000/…");
    }

    @Test
    void aBadFieldIsNamed() throws Exception {
        assertThat(fieldAtFault("{\"rules\": [{\"kind\": \"trending\"}]}")).startsWith("terms:");
        assertThat(fieldAtFault("{\"terms\": [\"!!!\"], \"rules\": [{\"kind\": \"trending\"}]}"))
                .startsWith("terms:").contains("holds no term");
        assertThat(fieldAtFault("{\"terms\": [\"acme\"], \"rules\": [{\"kind\": \"spike\"}]}"))
                .startsWith("rules:").contains("must be one of trending");
        assertThat(fieldAtFault("{\"terms\": [\"acme\"], \"rules\": [{\"kind\": \"volume_above\", \"treshold\": 3}]}"))
                .startsWith("rules:").contains("treshold");
        assertThat(fieldAtFault("{\"terms\": [\"acme\"], \"rules\": []}")).startsWith("rules:");
        assertThat(fieldAtFault("{\"terms\": [\"acme\"], \"rules\": [{\"kind\": \"trending\"}], "
                + "\"webhooks\": [{\"url\": \"file:///etc/passwd\"}]}")).startsWith("webhooks:").contains("http or https");
        assertThat(fieldAtFault("{\"terms\": [\"acme\"], \"rules\": [{\"kind\": \"trending\"}], \"owner\": 1}"))
                .startsWith("owner:");
        assertThat(fieldAtFault("[]")).startsWith("body:");
        assertThat(List.of(Watchlist.NAME.matcher("brand-1").matches(), Watchlist.NAME.matcher("Brand").matches(),
                Watchlist.NAME.matcher("-x").matches())).containsExactly(true, false, false);
    }
}
