package io.trendwatch.serving.alerts;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A named list of terms (as the views hold them: normalised by the shared tokenizer), the rules that raise alerts on
 * each of them and the webhooks the alerts go to.
 */
public record Watchlist(String name, List<String> terms, List<AlertRule> rules, List<Webhook> webhooks, Instant updatedAt) {

    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    public static final int MAX_TERMS = 50;
    public static final int MAX_RULES = 10;
    public static final int MAX_WEBHOOKS = 5;

    public Watchlist {
        terms = List.copyOf(terms);
        rules = List.copyOf(rules);
        webhooks = List.copyOf(webhooks);
    }
}
