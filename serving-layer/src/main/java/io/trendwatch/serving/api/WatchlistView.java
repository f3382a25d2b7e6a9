package io.trendwatch.serving.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.trendwatch.serving.alerts.AlertRule;
import io.trendwatch.serving.alerts.Watchlist;
import io.trendwatch.serving.alerts.Webhook;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * A watchlist as the API shows it. Webhook URLs often carry a secret in their path (a Slack incoming webhook does),
 * and reading is public: only their scheme, host and port are shown.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WatchlistView(String name, List<String> terms, List<AlertRule> rules, List<Webhook> webhooks,
                            Instant updatedAt) {

    public static WatchlistView of(Watchlist w) {
        return new WatchlistView(w.name(), w.terms(), w.rules(),
                w.webhooks().stream().map(h -> new Webhook(masked(h.url()), h.format())).toList(), w.updatedAt());
    }

    static String masked(String url) {
        URI u = URI.create(url);
        return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort()) + "/…";
    }
}
