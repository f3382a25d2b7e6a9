package io.trendwatch.batch.views;

import io.trendwatch.core.time.Granularity;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Which buckets a batch job rewrites, and which history it reads. Pure, so the
 * rules are tested without Spark.
 *
 * @param boundary   the boundary the job publishes (a nightly run), or the one in force (a backfill)
 * @param viewsFrom  first bucket rewritten (a day start)
 * @param viewsTo    end of the rewritten range, exclusive: only buckets that end by then are written
 * @param minuteFrom minute views are kept for the last days before the boundary only; none before this
 * @param readFrom   the posts read start here: the days before {@code viewsFrom} only warm the baselines up
 * @param publishes  a nightly run publishes its boundary and baselines; a backfill rewrites its days only
 */
public record RecomputePlan(Instant boundary, Instant viewsFrom, Instant viewsTo, Instant minuteFrom,
                            Instant readFrom, boolean publishes) implements java.io.Serializable {

    /** How far a job looks back: the late-data window, the minute-view window, the baseline warm-up. */
    public record Windows(int lateDays, int minuteDays, int historyDays) implements java.io.Serializable {
        public static final Windows DEFAULT = new Windows(2, 2, 14);

        public Windows {
            if (lateDays < 0 || minuteDays < 1 || historyDays < 0) {
                throw new IllegalArgumentException("late days >= 0, minute days >= 1, history days >= 0");
            }
        }
    }

    /**
     * The nightly run as of {@code asOf}. The new boundary is the hour of
     * {@code asOf}, and never later than the hour of {@code speedAccepts}, the
     * speed layer's watermark when the archive started: a post that reaches
     * Kafka after the archive read its end offsets and that the speed layer
     * still accepts is dated at or after that watermark, so it is never before
     * the boundary, where only the archive would count it (docs/architecture.md,
     * "The boundary"). On an hour edge every hour before it is whole in the
     * batch view and every hour after it is rolled up from speed minutes, so no
     * hour or day is summed from two views' minutes. A boundary that would
     * move back stays where it is. Every bucket from the late-data window on
     * (or from the previous boundary's day, if the runs of some nights failed;
     * or from the first post, on the first run) is recomputed.
     */
    public static RecomputePlan nightly(Instant asOf, Optional<Instant> speedAccepts, Optional<Instant> previousBoundary,
                                        Optional<Instant> firstPost, Windows w) {
        previousBoundary.ifPresent(p -> {
            if (Granularity.MINUTE.bucketStart(asOf).isBefore(p)) {
                throw new IllegalArgumentException("as-of " + asOf + " is before the published boundary " + p
                        + ": a run never moves the boundary back (recompute earlier days with `batch backfill`)");
            }
        });
        Instant limit = speedAccepts.filter(t -> t.isBefore(asOf)).orElse(asOf);
        Instant candidate = Granularity.HOUR.bucketStart(limit);
        Instant boundary = previousBoundary.filter(candidate::isBefore).orElse(candidate);
        Instant lateFrom = dayStart(boundary).minus(Duration.ofDays(w.lateDays()));
        Instant viewsFrom = previousBoundary.or(() -> firstPost).map(RecomputePlan::dayStart)
                .filter(d -> d.isBefore(lateFrom)).orElse(lateFrom);
        return of(boundary, viewsFrom, boundary, w, true);
    }

    /** The same, with no speed layer to wait for. */
    public static RecomputePlan nightly(Instant asOf, Optional<Instant> previousBoundary, Optional<Instant> firstPost,
                                        Windows w) {
        return nightly(asOf, Optional.empty(), previousBoundary, firstPost, w);
    }

    /** Rewrites the days {@code from..to} (inclusive) under the published {@code boundary}. */
    public static RecomputePlan backfill(LocalDate from, LocalDate to, Optional<Instant> boundary, LocalDate today,
                                         Windows w) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--from " + from + " is after --to " + to + ": the range is reversed");
        }
        if (!to.isBefore(today)) {
            throw new IllegalArgumentException("--to " + to + " is not in the past (today is " + today
                    + " UTC): only complete days can be backfilled");
        }
        Instant published = boundary.orElseThrow(() -> new IllegalArgumentException(
                "no batch boundary is published yet: run `trendwatch batch run` first"));
        Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (end.isAfter(published)) {
            throw new IllegalArgumentException("day " + to + " does not end before the published boundary " + published
                    + ": the speed view answers for it until the next `batch run`");
        }
        return of(published, from.atStartOfDay(ZoneOffset.UTC).toInstant(), end, w, false);
    }

    private static RecomputePlan of(Instant boundary, Instant viewsFrom, Instant viewsTo, Windows w, boolean publishes) {
        Instant minuteFrom = dayStart(boundary).minus(Duration.ofDays(w.minuteDays()));
        if (minuteFrom.isBefore(viewsFrom)) {
            minuteFrom = viewsFrom;
        }
        return new RecomputePlan(boundary, viewsFrom, viewsTo, minuteFrom,
                viewsFrom.minus(Duration.ofDays(w.historyDays())), publishes);
    }

    /** History of a minute baseline (EWMA's memory at α = 0.1 is about ten buckets; a day is ample). */
    public static final Duration MINUTE_HISTORY = Duration.ofDays(1);

    /** Posts from here on are counted per minute: the minute views and the minute baselines' window. */
    public Instant minuteCountsFrom() {
        Instant baselineFrom = boundary.minus(MINUTE_HISTORY);
        return baselineFrom.isBefore(minuteFrom) ? baselineFrom : minuteFrom;
    }

    /** The history a baseline of an hour or a day folds in. */
    public Duration history() {
        return Duration.between(readFrom, viewsFrom);
    }

    /** The days whose rows the plan rewrites, for messages and progress. */
    public long days() {
        return Duration.between(viewsFrom, dayStart(viewsTo.minusMillis(1))).toDays() + 1;
    }

    static Instant dayStart(Instant t) {
        return Granularity.DAY.bucketStart(t);
    }
}
