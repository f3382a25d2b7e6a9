package io.trendwatch.serving.merge;

import io.trendwatch.core.time.Granularity;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The merge rule over random posts, steps, ranges and boundaries. The views are
 * built the way the layers build them: the batch view holds exact minute, hour
 * and day rows of the buckets that end by B (as a nightly run writes them), the
 * speed view every minute it saw, including minutes before B. Rows a view must
 * never be read for carry a poison count, so a bucket counted twice or read from
 * the wrong side shows as a wrong number.
 */
class ViewMergerPropertiesTest {

    private static final Instant DAY0 = Instant.parse("2016-11-24T00:00:00Z");
    private static final int SPAN_MINUTES = 3 * 24 * 60;
    private static final long POISON = 1_000_000;

    record Case(List<Integer> postMinutes, Granularity step, int fromMinute, int toMinute, int boundaryMinute,
                int laterBoundaryMinute) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<List<Integer>> posts = Arbitraries.integers().between(0, SPAN_MINUTES - 1).list().ofMaxSize(300);
        Arbitrary<Granularity> step = Arbitraries.of(Granularity.values());
        Arbitrary<Integer> minute = Arbitraries.integers().between(0, SPAN_MINUTES);
        // boundaries: any minute, or an hour edge (what a run publishes) more often than chance
        Arbitrary<Integer> boundary = Arbitraries.oneOf(minute, Arbitraries.integers().between(0, 72).map(h -> h * 60));
        return Combinators.combine(posts, step, minute, minute, boundary, boundary)
                .as((p, s, a, b, c, d) -> new Case(p, s, Math.min(a, b), Math.max(a, b), Math.min(c, d), Math.max(c, d)));
    }

    @Property(tries = 2000)
    void everyBucketOnceFromOneViewAndTheSameAnswerWhateverTheBoundary(@ForAll("cases") Case c) {
        Instant from = at(c.fromMinute());
        Instant to = at(c.toMinute());
        List<MergedPoint> first = answer(c, at(c.boundaryMinute()));
        List<MergedPoint> later = answer(c, at(c.laterBoundaryMinute()));

        Map<Instant, Long> truth = new TreeMap<>();
        for (int m : c.postMinutes()) {
            Instant bucket = c.step().bucketStart(at(m));
            // the buckets that start in [from aligned down, to), each whole
            if (!bucket.isBefore(c.step().bucketStart(from)) && bucket.isBefore(to)) {
                truth.merge(bucket, 1L, Long::sum);
            }
        }
        assertThat(asMap(first)).isEqualTo(truth);
        assertThat(asMap(later)).isEqualTo(truth);
        Instant b = at(c.boundaryMinute());
        for (MergedPoint p : first) {
            Instant end = c.step().nextBucket(p.bucket());
            Source expected = !end.isAfter(b) ? Source.BATCH : !p.bucket().isBefore(b) ? Source.SPEED : null;
            if (expected != null) {
                assertThat(p.source()).as("source of %s at boundary %s", p.bucket(), b).isEqualTo(expected);
            }
        }
    }

    private static List<MergedPoint> answer(Case c, Instant boundary) {
        Map<Granularity, Map<Instant, Counts>> batch = new HashMap<>();
        Map<Instant, Counts> speed = new HashMap<>();
        for (Granularity g : Granularity.values()) {
            batch.put(g, new HashMap<>());
        }
        for (int m : c.postMinutes()) {
            Instant t = at(m);
            for (Granularity g : Granularity.values()) {
                Instant bucket = g.bucketStart(t);
                // a nightly run writes only buckets that end by its boundary; other rows are poison
                long n = g.nextBucket(bucket).isAfter(boundary) ? POISON : 1;
                batch.get(g).merge(bucket, new Counts(n, 0, 0, 0, n), Counts::plus);
            }
            // the speed layer keeps minutes before B as well: never to be read
            long n = t.isBefore(Granularity.MINUTE.bucketStart(boundary)) ? POISON : 1;
            speed.merge(Granularity.MINUTE.bucketStart(t), new Counts(n, 0, 0, 0, n), Counts::plus);
        }
        ViewMerger.ReadPlan plan = ViewMerger.plan(c.step(), at(c.fromMinute()), at(c.toMinute()), boundary);
        return ViewMerger.merge(plan, batch.get(c.step()), batch.get(Granularity.HOUR), batch.get(Granularity.MINUTE), speed);
    }

    private static Map<Instant, Long> asMap(List<MergedPoint> points) {
        Map<Instant, Long> out = new TreeMap<>();
        points.forEach(p -> out.put(p.bucket(), p.counts().posts()));
        return out;
    }

    private static Instant at(int minute) {
        return DAY0.plusSeconds(60L * minute);
    }
}
