package io.trendwatch.serving.alerts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a watchlist's alerts go: an http(s) URL that receives a POST per alert and per resolution, with a JSON body
 * ({@code json}) or a Slack-compatible one ({@code slack}: {@code {"text": ...}}, for an incoming webhook).
 */
public record Webhook(String url, String format) {

    public static final String JSON = "json";
    public static final String SLACK = "slack";

    @JsonCreator
    public static Webhook of(@JsonProperty("url") String url, @JsonProperty("format") String format) {
        return new Webhook(url, format == null || format.isBlank() ? JSON : format.strip().toLowerCase(Locale.ROOT));
    }

    public Webhook {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("a webhook needs a url");
        }
        if (url.length() > 2_000) {
            throw new IllegalArgumentException("a webhook url may hold at most 2000 characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("webhook url '" + url + "' is not a URL: " + e.getReason());
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("webhook url '" + url + "' must be an absolute http or https URL");
        }
        if (!JSON.equals(format) && !SLACK.equals(format)) {
            throw new IllegalArgumentException("webhook format must be json or slack, got '" + format + "'");
        }
    }
}
