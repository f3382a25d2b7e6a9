package io.trendwatch.serving.context;

import io.trendwatch.core.sentiment.PolarityRates;
import io.trendwatch.core.text.Term;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.core.trend.TrendWindow;
import io.trendwatch.core.view.ExamplePosts;
import io.trendwatch.serving.api.ContextResponse;
import io.trendwatch.serving.db.Futures;
import io.trendwatch.serving.db.SeriesReader;
import io.trendwatch.serving.db.ViewReader;
import io.trendwatch.serving.merge.Counts;
import io.trendwatch.serving.merge.MergedPoint;
import io.trendwatch.serving.merge.ShareEstimator;
import io.trendwatch.serving.merge.Source;
import io.trendwatch.store.views.Layer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * The context of a term in a window, merged at the boundary as counts are: a minute's example comes from the batch
 * view before the boundary and from the speed view at and after it, never both, so the answer is the same whichever
 * layer holds a minute. Counts (the companions' shares, the sentiment) are read through the merge rule at hour
 * step over the hours the window touches, where both views keep every term.
 */
public record TermContexts(ViewReader views, SeriesReader series, ShareEstimator shares) {

    /** Candidate companions whose counts are read; the answer lists at most {@link #RELATED}. */
    static final int CANDIDATES = 20;
    static final int RELATED = 10;
    static final Duration BASELINE = Duration.ofDays(7);

    /** The context of {@code term} in the window ending at {@code at} (a minute), with up to {@code limit} examples. */
    public ContextResponse context(Term term, TrendWindow window, Instant at, int limit) {
        Instant from = window.from(at);
        Instant boundary = series.boundary();
        Map<Instant, Sourced> pool = examples(term.text(), from, at, boundary);
        List<Sourced> chosen = pool.values().stream().sorted(Comparator.comparing(Sourced::example, ExamplePosts.ORDER))
                .limit(limit).toList();
        List<ContextResponse.Example> examples = chosen.stream().map(s -> new ContextResponse.Example(s.example().id(),
                s.example().createdAt(), s.example().text(), s.example().sentiment(), s.source().label())).toList();

        Instant countedFrom = Granularity.HOUR.bucketStart(from);
        Instant countedTo = Granularity.HOUR.bucketStart(at.minusMillis(1)).plus(Duration.ofHours(1));
        List<ContextResponse.Related> related = related(term.text(), pool.values().stream().map(s -> s.example().text()).toList(),
                countedFrom, countedTo, boundary);
        List<MergedPoint> termHours = series.term(term.text(), Granularity.HOUR, countedFrom, countedTo, boundary);
        Instant baselineFrom = countedFrom.minus(BASELINE);
        List<MergedPoint> baselineHours = series.term(term.text(), Granularity.HOUR, baselineFrom, countedFrom, boundary);
        ShareEstimator.Basis basis = shares.basis();
        Counts nowCounts = sum(termHours);
        Counts beforeCounts = sum(baselineHours);
        ContextResponse.Split now = split(nowCounts, basis.estimate(nowCounts));
        ContextResponse.Split before = split(beforeCounts, basis.estimate(beforeCounts));
        ContextResponse.SentimentShift shift = new ContextResponse.SentimentShift(countedFrom, countedTo, now, baselineFrom,
                before, change(now.estimatedPositiveShare(), before.estimatedPositiveShare()),
                change(now.estimatedNegativeShare(), before.estimatedNegativeShare()), basis.method().label(),
                basis.model());

        TreeSet<String> sources = new TreeSet<>();
        pool.values().forEach(s -> sources.add(s.source().label()));
        termHours.forEach(p -> sources.add(p.source().label()));
        return new ContextResponse(term.text(), term.kind().label(), window.label(), from, at, boundary, examples,
                pool.size(), related, shift, List.copyOf(sources));
    }

    private record Sourced(ExamplePosts.Example example, Source source) {
    }

    /** Each minute of [from, to) that kept an example, from the layer the boundary gives it. */
    private Map<Instant, Sourced> examples(String term, Instant from, Instant to, Instant boundary) {
        List<Instant> hours = Granularity.HOUR.buckets(Granularity.HOUR.bucketStart(from), to);
        Map<Layer, List<CompletableFuture<NavigableMap<Instant, ExamplePosts.Example>>>> reads = new EnumMap<>(Layer.class);
        for (Instant hour : hours) {
            // an hour holds minutes of a layer when it overlaps that layer's side of the boundary
            boolean batch = hour.isBefore(boundary);
            boolean speed = hour.plus(Duration.ofHours(1)).isAfter(boundary);
            reads.computeIfAbsent(Layer.BATCH, k -> new ArrayList<>()).add(batch
                    ? views.examples(Layer.BATCH, term, hour).toCompletableFuture() : CompletableFuture.completedFuture(null));
            reads.computeIfAbsent(Layer.SPEED, k -> new ArrayList<>()).add(speed
                    ? views.examples(Layer.SPEED, term, hour).toCompletableFuture() : CompletableFuture.completedFuture(null));
        }
        Map<Instant, Sourced> out = new java.util.TreeMap<>();
        for (Layer layer : Layer.values()) {
            for (CompletableFuture<NavigableMap<Instant, ExamplePosts.Example>> read : reads.get(layer)) {
                NavigableMap<Instant, ExamplePosts.Example> rows = Futures.join(read);
                if (rows == null) {
                    continue;
                }
                rows.subMap(from, true, to, false).forEach((minute, e) -> {
                    boolean batchSide = minute.isBefore(boundary);
                    if (batchSide == (layer == Layer.BATCH)) {
                        out.put(minute, new Sourced(e, layer == Layer.BATCH ? Source.BATCH : Source.SPEED));
                    }
                });
            }
        }
        return out;
    }

    private List<ContextResponse.Related> related(String term, List<String> texts, Instant from, Instant to, Instant boundary) {
        List<Companions.Candidate> candidates = Companions.candidates(term, texts, CANDIDATES);
        if (candidates.isEmpty()) {
            return List.of();
        }
        long all = sum(series.totals(Granularity.HOUR, from, to, boundary)).posts();
        Map<String, Long> posts = new HashMap<>();
        for (Companions.Candidate c : candidates) {
            posts.put(c.term().text(), sum(series.term(c.term().text(), Granularity.HOUR, from, to, boundary)).posts());
        }
        List<ContextResponse.Related> out = new ArrayList<>();
        for (Companions.Candidate c : candidates) {
            long p = posts.get(c.term().text());
            if (p == 0 || all == 0) {
                continue; // a term of an example is in the counts of its hour; none means the views disagree for now
            }
            double shareOfExamples = (double) c.examples() / texts.size();
            double shareOfPosts = (double) p / all;
            double lift = shareOfExamples / shareOfPosts;
            double weight = Companions.weight(c.examples(), lift);
            if (weight > 0) {
                out.add(new ContextResponse.Related(c.term().text(), c.term().kind().label(), c.examples(), shareOfExamples,
                        p, shareOfPosts, lift, weight));
            }
        }
        out.sort(Comparator.comparingDouble(ContextResponse.Related::weight).reversed()
                .thenComparing(ContextResponse.Related::term));
        return out.size() > RELATED ? List.copyOf(out.subList(0, RELATED)) : out;
    }

    private static Counts sum(List<MergedPoint> points) {
        return points.stream().map(MergedPoint::counts).reduce(Counts.ZERO, Counts::plus);
    }

    static ContextResponse.Split split(Counts c, ShareEstimator.Estimate estimate) {
        Optional<PolarityRates.Shares> counted = PolarityRates.counted(c.positive(), c.neutral(), c.negative());
        return new ContextResponse.Split(c.posts(), c.positive(), c.neutral(), c.negative(), c.unscored(),
                counted.map(PolarityRates.Shares::positive).orElse(null), counted.map(PolarityRates.Shares::negative).orElse(null),
                estimate.positive(), estimate.negative());
    }

    private static Double change(Double now, Double before) {
        return now == null || before == null ? null : now - before;
    }
}
