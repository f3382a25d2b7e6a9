package io.trendwatch.core.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Time buckets, always in UTC. A bucket is half-open: {@code [start, start + size)}.
 * The partition period groups buckets into one Cassandra partition: a day of
 * minutes, a month of hours, a year of days, so no partition grows past ~1,500 rows.
 */
public enum Granularity {
    MINUTE(60_000L),
    HOUR(3_600_000L),
    DAY(86_400_000L);

    private final long millis;

    Granularity(long millis) {
        this.millis = millis;
    }

    public long millis() {
        return millis;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public long bucketStartMillis(long epochMillis) {
        return Math.floorDiv(epochMillis, millis) * millis;
    }

    public Instant bucketStart(Instant t) {
        long start = bucketStartMillis(t.toEpochMilli());
        // already a bucket start (the usual case when rolling up stored rows): no new object
        return start == t.toEpochMilli() && t.getNano() % 1_000_000 == 0 ? t : Instant.ofEpochMilli(start);
    }

    public Instant nextBucket(Instant bucketStart) {
        return bucketStart.plusMillis(millis);
    }

    /** The buckets that start in {@code [from, to)} after aligning {@code from} down. */
    public List<Instant> buckets(Instant from, Instant to) {
        List<Instant> out = new ArrayList<>();
        for (Instant b = bucketStart(from); b.isBefore(to); b = nextBucket(b)) {
            out.add(b);
        }
        return out;
    }

    public boolean isBucketStart(Instant t) {
        return Math.floorMod(t.toEpochMilli(), millis) == 0;
    }

    /** Start of the partition period holding this instant's bucket. */
    public Instant periodStart(Instant t) {
        LocalDate day = LocalDate.ofInstant(t, ZoneOffset.UTC);
        LocalDate period = switch (this) {
            case MINUTE -> day;
            case HOUR -> day.withDayOfMonth(1);
            case DAY -> day.withDayOfYear(1);
        };
        return period.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The period after the one starting at {@code periodStart}. */
    public Instant nextPeriod(Instant periodStart) {
        LocalDate day = LocalDate.ofInstant(periodStart, ZoneOffset.UTC);
        LocalDate next = switch (this) {
            case MINUTE -> day.plusDays(1);
            case HOUR -> day.plusMonths(1);
            case DAY -> day.plusYears(1);
        };
        return next.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Reads {@code minute}, {@code hour} or {@code day} (any case); the message lists the choices. */
    public static Granularity parse(String s) {
        if (s != null) {
            for (Granularity g : values()) {
                if (g.label().equalsIgnoreCase(s.strip())) {
                    return g;
                }
            }
        }
        throw new IllegalArgumentException("unknown step '" + s + "', expected one of "
                + Arrays.stream(values()).map(Granularity::label).collect(Collectors.joining(", ")));
    }
}
