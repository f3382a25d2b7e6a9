package io.trendwatch.core.testing;

import io.trendwatch.core.generate.Corpus;
import io.trendwatch.core.generate.GeneratorSpec;
import io.trendwatch.core.generate.InjectedBurst;
import io.trendwatch.core.generate.StreamGenerator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A generated 3-day stream for "trending now": real tweet texts at 20–35 posts a minute
 * (a daily cycle of ±25 %), 200 steady hashtags of Zipf popularity, and 8 bursts of new
 * hashtags (sizes ×2, ×5, ×10 and ×20 the average hashtag's rate, 30 to 90 minutes, in
 * overlapping pairs), 4 before the middle of the stream (where a batch run puts its
 * boundary) and 4 after it. {@link #evaluate} asks a ranking at chosen instants and
 * measures it against the bursts of ×5 and more: top-5 recall within 20 minutes of a
 * burst's start; top-2 precision at its peak (of the top 2, the share that are bursts,
 * out of as many as there are bursts of ×5 and more running: one when a ×5 burst runs
 * beside a ×2, two when two of them overlap); the trending flag's recall (flagged within
 * 20 minutes) and precision (of every flagged item of every answer asked, the share
 * that are bursts with posts in the window).
 */
public final class BurstScenario {

    public static final Instant START = Instant.parse("2026-10-05T00:00:00Z");
    public static final Duration LENGTH = Duration.ofDays(3);
    public static final Instant BOUNDARY = START.plus(Duration.ofHours(36));
    /** The sizes the figures must hold for (×2 is measured and reported, not required). */
    public static final double REQUIRED_SIZE = 5;
    public static final Duration WITHIN = Duration.ofMinutes(20);

    private final GeneratorSpec spec;
    private final StreamGenerator generator;
    private final List<InjectedBurst> bursts;

    /** One ranked term of an answer. */
    public record Ranked(String term, boolean trending) {
    }

    /** What was measured for one burst. */
    public record BurstResult(InjectedBurst burst, boolean afterBoundary, Integer lagMinutes, Integer flagLagMinutes,
                              double precisionAtPeak, boolean flaggedAtPeak) {
    }

    /** The figures of one side of the boundary, over the bursts of the required sizes. */
    public record Figures(double top5Recall, double top2Precision, double flagRecall, double flagPrecision,
                          double medianLagMinutes, int bursts, int flaggedItems, int falseFlags) {
    }

    public record Evaluation(List<BurstResult> bursts, Figures before, Figures after, List<String> falseFlags) {
    }

    public BurstScenario(Corpus corpus) {
        this.spec = new GeneratorSpec(0.45, LENGTH, START, 20261130L, 0, 1, Duration.ZERO, 200, 1.1, 0.25);
        List<InjectedBurst> planned = new ArrayList<>();
        // two pairs on each side; each pair overlaps, so that the top 2 at a peak can be two bursts
        Object[][] plan = {
                {"#autumnlaunch", 14 * 60, 90, 5.0}, {"#flashdeal", 14 * 60 + 10, 30, 20.0},
                {"#unboxingnight", 26 * 60, 60, 10.0}, {"#quietteaser", 26 * 60 + 10, 45, 2.0},
                {"#popupstore", 43 * 60 + 30, 90, 5.0}, {"#bigreveal", 43 * 60 + 40, 30, 20.0},
                {"#creatorcollab", 58 * 60, 60, 10.0}, {"#smallrumour", 58 * 60 + 10, 45, 2.0}};
        for (Object[] p : plan) {
            planned.add(StreamGenerator.newTermBurst(spec, (String) p[0], START.plus(Duration.ofMinutes((Integer) p[1])),
                    Duration.ofMinutes((Integer) p[2]), (Double) p[3]));
        }
        this.generator = new StreamGenerator(spec, corpus, planned);
        this.bursts = generator.bursts();
    }

    public StreamGenerator generator() {
        return generator;
    }

    public List<InjectedBurst> bursts() {
        return bursts;
    }

    /** Where a burst's 1-hour window first holds all of it, or its first hour. */
    public static Instant peak(InjectedBurst b) {
        Instant hour = b.start().plus(Duration.ofHours(1));
        return b.end().isBefore(hour) ? b.end() : hour;
    }

    /** The instants {@link #evaluate} will ask about (each burst's first 20 minutes by {@code every}, its peak, and quiet hours). */
    public List<Instant> instants(Duration every) {
        List<Instant> out = new ArrayList<>();
        for (InjectedBurst b : bursts) {
            for (Instant t = b.start().plus(every); !t.isAfter(b.start().plus(WITHIN)); t = t.plus(every)) {
                out.add(t);
            }
            out.add(peak(b));
        }
        // every 3 hours from the second half of the first day: precision away from the bursts too
        for (Instant t = START.plus(Duration.ofHours(12)); t.isBefore(START.plus(LENGTH)); t = t.plus(Duration.ofHours(3))) {
            out.add(t);
        }
        return out.stream().distinct().sorted().toList();
    }

    /**
     * @param ranking the ranked hashtags of {@code /trends?window=1h} at an instant (best first)
     */
    public Evaluation evaluate(Function<Instant, List<Ranked>> ranking, Duration every) {
        Map<Instant, List<Ranked>> answers = new TreeMap<>();
        for (Instant t : instants(every)) {
            answers.put(t, ranking.apply(t));
        }
        List<BurstResult> results = new ArrayList<>();
        for (InjectedBurst b : bursts) {
            Integer lag = null;
            Integer flagLag = null;
            for (Instant t = b.start().plus(every); !t.isAfter(b.start().plus(WITHIN)); t = t.plus(every)) {
                List<Ranked> answer = answers.get(t);
                int minutes = (int) Duration.between(b.start(), t).toMinutes();
                int rank = rank(answer, b.term());
                if (lag == null && rank >= 0 && rank < 5) {
                    lag = minutes;
                }
                if (flagLag == null && rank >= 0 && answer.get(rank).trending()) {
                    flagLag = minutes;
                }
            }
            Instant peak = peak(b);
            List<Ranked> atPeak = answers.get(peak);
            List<String> active = activeBursts(peak);
            long required = bursts.stream().filter(o -> active.contains(o.term()) && o.factor() >= REQUIRED_SIZE).count();
            long hits = atPeak.stream().limit(2).filter(r -> active.contains(r.term())).count();
            // of the top 2, as many as there are bursts of the required sizes running must be bursts (of any size)
            double precision = Math.min(1.0, (double) hits / Math.min(2, required));
            int rank = rank(atPeak, b.term());
            results.add(new BurstResult(b, !b.start().isBefore(BOUNDARY), lag, flagLag, precision,
                    rank >= 0 && atPeak.get(rank).trending()));
        }
        List<String> falseFlags = new ArrayList<>();
        int[] flagged = new int[2];
        int[] wrong = new int[2];
        answers.forEach((t, answer) -> {
            int side = t.isAfter(BOUNDARY) ? 1 : 0;
            List<String> active = activeBursts(t);
            for (Ranked r : answer) {
                if (r.trending()) {
                    flagged[side]++;
                    if (!active.contains(r.term())) {
                        wrong[side]++;
                        falseFlags.add(t + " " + r.term());
                    }
                }
            }
        });
        return new Evaluation(results, figures(results, false, flagged[0], wrong[0]),
                figures(results, true, flagged[1], wrong[1]), falseFlags);
    }

    /** The bursts with posts in the hour before {@code at}. */
    public List<String> activeBursts(Instant at) {
        Instant from = at.minus(Duration.ofHours(1));
        return bursts.stream().filter(b -> b.start().isBefore(at) && b.end().isAfter(from)).map(InjectedBurst::term).toList();
    }

    private static int rank(List<Ranked> answer, String term) {
        for (int i = 0; i < answer.size(); i++) {
            if (answer.get(i).term().equals(term)) {
                return i;
            }
        }
        return -1;
    }

    private static Figures figures(List<BurstResult> results, boolean after, int flagged, int wrong) {
        List<BurstResult> side = results.stream()
                .filter(r -> r.afterBoundary() == after && r.burst().factor() >= REQUIRED_SIZE).toList();
        double recall = side.stream().filter(r -> r.lagMinutes() != null).count() / (double) side.size();
        double precision = side.stream().mapToDouble(BurstResult::precisionAtPeak).average().orElse(0);
        double flagRecall = side.stream().filter(r -> r.flagLagMinutes() != null).count() / (double) side.size();
        double flagPrecision = flagged == 0 ? 0 : (flagged - wrong) / (double) flagged;
        List<Integer> lags = side.stream().map(BurstResult::lagMinutes).filter(java.util.Objects::nonNull).sorted().toList();
        double median = lags.isEmpty() ? Double.NaN : lags.size() % 2 == 1 ? lags.get(lags.size() / 2)
                : (lags.get(lags.size() / 2 - 1) + lags.get(lags.size() / 2)) / 2.0;
        return new Figures(recall, precision, flagRecall, flagPrecision, median, side.size(), flagged, wrong);
    }

    /** A printable table: one line per burst, then the figures of each side. */
    public static String report(Evaluation e) {
        StringBuilder out = new StringBuilder();
        Map<String, String> lines = new LinkedHashMap<>();
        for (BurstResult r : e.bursts().stream().sorted(Comparator.comparing(r -> r.burst().start())).toList()) {
            lines.put(r.burst().term(), String.format(Locale.ROOT, "%-6s x%-4.0f %3d min %6.2f/min  top5 lag %s  flag lag %s  top2 precision %.2f  flagged at peak %s",
                    r.afterBoundary() ? "after" : "before", r.burst().factor(),
                    Duration.between(r.burst().start(), r.burst().end()).toMinutes(), r.burst().burstPerMinute(),
                    r.lagMinutes() == null ? "-" : r.lagMinutes() + " min", r.flagLagMinutes() == null ? "-" : r.flagLagMinutes() + " min",
                    r.precisionAtPeak(), r.flaggedAtPeak()));
        }
        lines.forEach((term, line) -> out.append(String.format(Locale.ROOT, "%-16s %s%n", term, line)));
        out.append("before the boundary: ").append(e.before()).append('\n');
        out.append("after the boundary:  ").append(e.after()).append('\n');
        if (!e.falseFlags().isEmpty()) {
            out.append("flagged, not a burst: ").append(e.falseFlags()).append('\n');
        }
        return out.toString();
    }
}
