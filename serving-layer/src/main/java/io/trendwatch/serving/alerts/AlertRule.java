package io.trendwatch.serving.alerts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One rule of a watchlist, applied to each of its terms at the end of every minute the speed layer has counted:
 * the term is flagged trending in the hour ending then ({@code trending}); its negative share of the scored posts
 * was over {@code threshold} in each of the last {@code minutes} minutes ({@code negative_share}); its posts per
 * minute were over ({@code volume_above}) or under ({@code volume_below}) {@code threshold} in each of them.
 */
public record AlertRule(Kind kind, double threshold, int minutes) {

    public static final int MAX_MINUTES = 60;

    public enum Kind {
        TRENDING, NEGATIVE_SHARE, VOLUME_ABOVE, VOLUME_BELOW;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Kind parse(String label) {
            for (Kind k : values()) {
                if (k.label().equals(label)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("rule kind must be one of "
                    + Arrays.stream(values()).map(Kind::label).collect(Collectors.joining(", ")) + ", got '" + label + "'");
        }
    }

    @JsonCreator
    public AlertRule(@JsonProperty("kind") Kind kind, @JsonProperty("threshold") Double threshold,
                     @JsonProperty("minutes") Integer minutes) {
        this(kind, threshold == null ? 0 : threshold, minutes == null ? 1 : minutes);
    }

    public AlertRule {
        if (kind == null) {
            throw new IllegalArgumentException("a rule needs a kind (trending, negative_share, volume_above, volume_below)");
        }
        if (minutes < 1 || minutes > MAX_MINUTES) {
            throw new IllegalArgumentException("rule " + kind.label() + ": minutes must be 1 to " + MAX_MINUTES + ", got " + minutes);
        }
        if (!Double.isFinite(threshold) || threshold < 0) {
            throw new IllegalArgumentException("rule " + kind.label() + ": threshold must be a number >= 0, got " + threshold);
        }
        if (kind == Kind.NEGATIVE_SHARE && threshold >= 1) {
            throw new IllegalArgumentException("rule negative_share: threshold is a share, below 1, got " + threshold);
        }
        if (kind == Kind.TRENDING && minutes != 1) {
            throw new IllegalArgumentException("rule trending: takes no minutes (the trend window is the hour), got " + minutes);
        }
    }

    /** The rule as stored with an episode, e.g. {@code negative_share>0.5/3m}; equal rules have equal keys. */
    public String key() {
        return switch (kind) {
            case TRENDING -> "trending";
            case NEGATIVE_SHARE, VOLUME_ABOVE -> kind.label() + ">" + number(threshold) + "/" + minutes + "m";
            case VOLUME_BELOW -> kind.label() + "<" + number(threshold) + "/" + minutes + "m";
        };
    }

    /** What the rule saw, in words, e.g. {@code negative share 0.62 over 0.5 for 3 minutes}. */
    public String describe(double value) {
        String span = minutes == 1 ? "for 1 minute" : "for " + minutes + " minutes";
        return switch (kind) {
            case TRENDING -> "trending in the last hour (" + number(value) + " posts)";
            case NEGATIVE_SHARE -> "negative share " + number(value) + " over " + number(threshold) + " " + span;
            case VOLUME_ABOVE -> number(value) + " posts/minute, over " + number(threshold) + " " + span;
            case VOLUME_BELOW -> number(value) + " posts/minute, under " + number(threshold) + " " + span;
        };
    }

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v)
                .replaceAll("0+$", "");
    }
}
