package io.trendwatch.serving.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The bodies a webhook receives: JSON, or Slack's {@code {"text": ...}}. Pure. */
public final class AlertMessages {

    public static final String ALERT = "alert";
    public static final String RESOLVED = "resolved";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private AlertMessages() {
    }

    /**
     * @param rule    the rule, or null when it was removed from the list while its episode was open
     * @param started end of the first minute that met the rule
     * @param at      for an alert {@code started}; for a resolution the end of the first minute that did not
     */
    public static String body(String format, String event, String watchlist, String term, String ruleKey, AlertRule rule,
                              Instant started, Instant at, double value) {
        String text = text(event, watchlist, term, ruleKey, rule, started, at, value);
        if (Webhook.SLACK.equals(format)) {
            return JSON.createObjectNode().put("text", text).toString();
        }
        ObjectNode body = JSON.createObjectNode()
                .put("event", event).put("watchlist", watchlist).put("term", term).put("rule", ruleKey)
                .put("started", started.toString());
        if (RESOLVED.equals(event)) {
            body.put("resolved", at.toString());
        }
        body.put("value", value).put("text", text);
        return body.toString();
    }

    static String text(String event, String watchlist, String term, String ruleKey, AlertRule rule, Instant started,
                       Instant at, double value) {
        String what = rule == null ? ruleKey + " (no longer watched)" : rule.describe(value);
        return ALERT.equals(event)
                ? "trendwatch alert [" + watchlist + "] " + term + ": " + what + " (at " + HM.format(started) + ")"
                : "trendwatch resolved [" + watchlist + "] " + term + ": " + ruleKey + " no longer holds at " + HM.format(at)
                        + " (since " + HM.format(started) + "); now " + what;
    }
}
