package io.trendwatch.serving.report;

import io.trendwatch.core.time.Granularity;
import io.trendwatch.serving.merge.CandidateSplit;
import io.trendwatch.serving.merge.Counts;
import io.trendwatch.serving.merge.MergedPoint;
import io.trendwatch.serving.merge.ShareEstimator;
import io.trendwatch.serving.db.SeriesReader;
import io.trendwatch.serving.db.ViewReader;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a report's data through the same merge rule as the API: the batch
 * view before the published boundary, the speed view after it.
 */
public record ReportBuilder(ViewReader dao, SeriesReader reader, ShareEstimator shares) {

    static final int TOP = 15;
    static final int MOVERS = 10;
    static final int SHIFT_TERMS = 5;
    public static final int MAX_DAYS = 93;

    /** The days {@code from..to} (inclusive, UTC); {@code terms} for the sentiment section (default: the top trends). */
    public ReportData build(LocalDate from, LocalDate to, List<String> terms) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("'to' " + to + " is before 'from' " + from);
        }
        long days = Duration.between(from.atStartOfDay(), to.plusDays(1).atStartOfDay()).toDays();
        if (days > MAX_DAYS) {
            throw new IllegalArgumentException("a report covers at most " + MAX_DAYS + " days, not " + days);
        }
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant previous = start.minus(Duration.between(start, end));
        Instant boundary = reader.boundary();

        Map<String, Agg> trending = trending(start, end, boundary);
        Map<String, Agg> before = trending(previous, start, boundary);
        Set<String> candidates = new LinkedHashSet<>();
        trending.values().stream().sorted(Comparator.comparingDouble(Agg::score).reversed()).limit(3L * TOP)
                .forEach(a -> candidates.add(a.term));
        before.values().stream().sorted(Comparator.comparingDouble(Agg::score).reversed()).limit(TOP)
                .forEach(a -> candidates.add(a.term));
        Granularity step = days <= 2 ? Granularity.HOUR : Granularity.DAY;
        List<ReportData.TermLine> lines = new ArrayList<>();
        for (String term : candidates) {
            Agg a = trending.getOrDefault(term, before.get(term));
            long now = sum(reader.term(term, step, start, end, boundary)).posts();
            long then = sum(reader.term(term, step, previous, start, boundary)).posts();
            lines.add(new ReportData.TermLine(term, a.kind, now, then, trending.containsKey(term) ? a.score : 0,
                    trending.containsKey(term) ? trending.get(term).rows : 0));
        }
        List<ReportData.TermLine> top = lines.stream().filter(l -> l.score() > 0)
                .sorted(Comparator.comparingDouble(ReportData.TermLine::score).reversed()).limit(TOP).toList();
        List<ReportData.TermLine> risers = lines.stream().filter(l -> l.change() > 0)
                .sorted(Comparator.comparingLong(ReportData.TermLine::change).reversed()).limit(MOVERS).toList();
        List<ReportData.TermLine> fallers = lines.stream().filter(l -> l.change() < 0)
                .sorted(Comparator.comparingLong(ReportData.TermLine::change)).limit(MOVERS).toList();

        List<String> shiftTerms = terms.isEmpty() ? top.stream().limit(SHIFT_TERMS).map(ReportData.TermLine::term).toList() : terms;
        Instant mid = start.plus(Duration.between(start, end).dividedBy(2));
        List<ReportData.SentimentShift> shifts = new ArrayList<>();
        ShareEstimator.Basis basis = shares.basis();
        for (String term : shiftTerms) {
            Counts a = sum(reader.term(term, step, start, mid, boundary));
            Counts b = sum(reader.term(term, step, mid, end, boundary));
            ShareEstimator.Estimate ea = basis.estimate(a);
            ShareEstimator.Estimate eb = basis.estimate(b);
            shifts.add(new ReportData.SentimentShift(term, scored(a), orZero(ea.positive()), orZero(ea.negative()),
                    scored(b), orZero(eb.positive()), orZero(eb.negative())));
        }
        Map<LocalDate, List<ViewReader.Topic>> topics = new LinkedHashMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            List<ViewReader.Topic> t = new ArrayList<>(dao.topics(d));
            t.sort(Comparator.comparingDouble(ViewReader.Topic::share).reversed());
            if (!t.isEmpty()) {
                topics.put(d, t);
            }
        }
        String shareEstimate = basis.method() == ShareEstimator.Method.ADJUSTED
                ? "Shares are estimated from the counts, the balance between positive and negative adjusted by the "
                        + "measured rates of sentiment model " + basis.model() + "."
                : "Shares are as counted.";
        return new ReportData(from, to, Instant.now(), boundary, top, risers, fallers, shifts, shareEstimate, topics,
                reader.totals(step, start, end, boundary));
    }

    /** A term's best score over the trending rows of a period, and how many rows (days or hours) it had. */
    private record Agg(String term, String kind, double score, int rows) {
    }

    /** Terms ranked trending in [from, to), each part of it from the layer {@link CandidateSplit} names. */
    private Map<String, Agg> trending(Instant from, Instant to, Instant boundary) {
        Map<String, Agg> out = new HashMap<>();
        CandidateSplit split = CandidateSplit.of(from, to, boundary, Granularity.DAY);
        List<ViewReader.TrendRow> rows = new ArrayList<>();
        if (!split.batchDays().isEmpty()) {
            rows.addAll(dao.batchTrending(Granularity.DAY, split.batchDays()));
        }
        if (!split.batchHours().isEmpty()) {
            rows.addAll(dao.batchTrending(Granularity.HOUR, split.batchHours()));
        }
        if (!split.speedHours().isEmpty()) {
            rows.addAll(dao.speedTrending(Granularity.HOUR, split.speedHours()));
        }
        for (ViewReader.TrendRow r : rows) {
            if (!r.flagged()) {
                continue; // a speed candidate whose minutes never passed the thresholds
            }
            Agg a = out.getOrDefault(r.term(), new Agg(r.term(), r.kind(), 0, 0));
            out.put(r.term(), new Agg(a.term, a.kind, Math.max(a.score, r.score()), a.rows + 1));
        }
        return out;
    }

    private static Counts sum(List<MergedPoint> points) {
        return points.stream().map(MergedPoint::counts).reduce(Counts.ZERO, Counts::plus);
    }

    private static long scored(Counts c) {
        return c.positive() + c.neutral() + c.negative();
    }

    private static double orZero(Double share) {
        return share == null ? 0 : share;
    }
}
