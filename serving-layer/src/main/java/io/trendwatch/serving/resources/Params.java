package io.trendwatch.serving.resources;

import io.trendwatch.core.text.Term;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.core.trend.TrendWindow;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Reads query parameters; every failure names the parameter and what was expected. */
final class Params {

    /** Instants and days outside these bounds hold no posts and would overflow bucket arithmetic. */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");
    /** Longer than any post, so no real term is refused. */
    static final int MAX_TERM_CHARS = 280;

    private Params() {
    }

    static Instant instant(String name, String value, Instant fallback) {
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                throw new BadParameterException(name, "parameter '" + name + "' is required (ISO-8601, e.g. 2016-11-25T00:00:00Z)");
            }
            return fallback;
        }
        Instant instant;
        try {
            instant = Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new BadParameterException(name, "parameter '" + name + "' must be an ISO-8601 instant such as "
                    + "2016-11-25T00:00:00Z, got '" + shown(value) + "'");
        }
        if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
            throw new BadParameterException(name, "parameter '" + name + "' must be from " + EARLIEST + " and before " + LATEST
                    + ", got " + instant);
        }
        return instant;
    }

    /** At most 80 characters of what was sent, so an answer never echoes a huge parameter. */
    static String shown(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "… (" + value.length() + " characters)";
    }

    /** A term as people type it ({@code #Apple}, {@code @apple}, {@code apple}), normalised by the shared tokenizer. */
    static Term term(String raw) {
        if (raw.length() > MAX_TERM_CHARS) {
            throw new BadParameterException("term", "parameter 'term' may hold at most " + MAX_TERM_CHARS + " characters, got "
                    + raw.length());
        }
        return Term.parse(raw).orElseThrow(() -> new BadParameterException("term",
                "parameter 'term': '" + raw + "' holds no term; try #hashtag, @mention or a word"));
    }

    /** A comma-separated list of {@code min} to {@code max} distinct terms, each read as {@link #term} reads one. */
    static List<Term> terms(String name, String raw, int min, int max) {
        if (raw == null || raw.isBlank()) {
            throw new BadParameterException(name, "parameter '" + name + "' must list " + min + " to " + max
                    + " terms, comma-separated, e.g. #apple,#samsung");
        }
        String[] parts = raw.split(",", -1);
        if (parts.length < min || parts.length > max) {
            throw new BadParameterException(name, "parameter '" + name + "' must list " + min + " to " + max + " terms, got "
                    + parts.length);
        }
        java.util.LinkedHashMap<String, Term> out = new java.util.LinkedHashMap<>();
        for (String part : parts) {
            String p = part.strip();
            if (p.length() > MAX_TERM_CHARS) {
                throw new BadParameterException(name, "parameter '" + name + "': a term may hold at most " + MAX_TERM_CHARS
                        + " characters, got " + p.length());
            }
            Term t = Term.parse(p).orElseThrow(() -> new BadParameterException(name,
                    "parameter '" + name + "': '" + shown(p) + "' holds no term; try #hashtag, @mention or a word"));
            if (out.putIfAbsent(t.text(), t) != null) {
                throw new BadParameterException(name, "parameter '" + name + "' names " + t.text() + " twice");
            }
        }
        return List.copyOf(out.values());
    }

    static Granularity step(String value) {
        if (value == null || value.isBlank()) {
            return Granularity.HOUR;
        }
        try {
            return Granularity.parse(value);
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("step", "parameter 'step' must be one of minute, hour, day, got '" + shown(value) + "'");
        }
    }

    /** A window of {@code /trends} and {@code /context}: 1h (the default), 24h or 7d. */
    static TrendWindow window(String value) {
        try {
            return TrendWindow.parse(value == null ? "1h" : value.strip());
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("window", "parameter 'window' must be one of 1h, 24h, 7d, got '" + shown(value) + "'");
        }
    }

    static int limit(String value, int fallback, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the message
        }
        throw new BadParameterException("limit", "parameter 'limit' must be a whole number from 1 to " + max + ", got '"
                + shown(value) + "'");
    }

    static LocalDate day(String value) {
        return day(value, "day");
    }

    static LocalDate day(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new BadParameterException(name, "parameter '" + name + "' is required (e.g. 2016-11-25)");
        }
        LocalDate day;
        try {
            day = LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new BadParameterException(name, "parameter '" + name + "' must be a date such as 2016-11-25, got '" + shown(value) + "'");
        }
        LocalDate first = LocalDate.ofInstant(EARLIEST, ZoneOffset.UTC);
        LocalDate end = LocalDate.ofInstant(LATEST, ZoneOffset.UTC);
        if (day.isBefore(first) || !day.isBefore(end)) {
            throw new BadParameterException(name, "parameter '" + name + "' must be from " + first + " and before " + end + ", got " + day);
        }
        return day;
    }

    /** The minute of {@code at} (default: now) that a window of {@code /trends} and {@code /context} ends at. */
    static Instant minute(String value) {
        return instant("at", value, Instant.now()).truncatedTo(ChronoUnit.MINUTES);
    }

    /**
     * A series' range: {@code step} (default hour), {@code to} (default now), {@code from} (default the 24 buckets of
     * the step before {@code to}), within {@code maxBuckets} buckets in all for the {@code series} series it reads.
     */
    static BucketRange series(String fromValue, String toValue, String stepValue, int maxBuckets, int series) {
        Granularity step = step(stepValue);
        Instant to = instant("to", toValue, Instant.now());
        Instant from = instant("from", fromValue, to.minusMillis(step.millis() * 24));
        range(from, to, step, maxBuckets / series);
        return new BucketRange(from, to, step);
    }

    /**
     * A range to sum over: {@code to} (default now), {@code from} (default a day before), read at the finest step
     * whose buckets stay within {@code maxBuckets}, so whole-range sums stay exact at the edges.
     */
    static BucketRange finest(String fromValue, String toValue, int maxBuckets) {
        Instant to = instant("to", toValue, Instant.now());
        Instant from = instant("from", fromValue, to.minus(Duration.ofDays(1)));
        Granularity step = Duration.between(from, to).toMinutes() <= maxBuckets ? Granularity.MINUTE
                : Duration.between(from, to).toHours() <= maxBuckets ? Granularity.HOUR : Granularity.DAY;
        range(from, to, step, maxBuckets);
        return new BucketRange(from, to, step);
    }

    /** A checked range of a request and the step it is read at. */
    record BucketRange(Instant from, Instant to, Granularity step) {
    }

    /** Checks from < to and that the range holds at most {@code maxBuckets} buckets of the step. */
    private static void range(Instant from, Instant to, Granularity step, int maxBuckets) {
        if (!to.isAfter(from)) {
            throw new BadParameterException("to", "parameter 'to' (" + to + ") must be after 'from' (" + from + ")");
        }
        long buckets = (to.toEpochMilli() - step.bucketStartMillis(from.toEpochMilli()) + step.millis() - 1) / step.millis();
        if (buckets > maxBuckets) {
            throw new BadParameterException("to", "parameter 'to': the range from " + from + " to " + to + " holds " + buckets + " "
                    + step.label() + " buckets; at most " + maxBuckets + " are allowed, use a coarser step or a shorter range");
        }
    }
}
