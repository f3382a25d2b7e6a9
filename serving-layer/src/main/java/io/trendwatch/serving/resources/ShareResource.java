package io.trendwatch.serving.resources;

import com.codahale.metrics.annotation.Timed;
import io.trendwatch.core.text.Term;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.serving.api.CsvTable;
import io.trendwatch.serving.api.ShareResponse;
import io.trendwatch.serving.api.ShareResponse.TermShare;
import io.trendwatch.serving.db.SeriesReader;
import io.trendwatch.serving.merge.MergedPoint;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code GET /api/v1/share?terms=a,b,c&from=&to=&step=}: share of voice of 2 to {@value #MAX_TERMS} terms, each
 * term's series and the all-post totals read through the merge rule, as a series does.
 */
@Path("/api/v1/share")
@Produces({MediaType.APPLICATION_JSON, CsvTable.MEDIA_TYPE})
public record ShareResource(SeriesReader reader, int maxBuckets) {

    static final int MAX_TERMS = 10;

    @GET
    @Timed
    public ShareResponse share(@QueryParam("terms") String termsParam, @QueryParam("from") String fromParam,
                               @QueryParam("to") String toParam, @QueryParam("step") String stepParam) {
        List<Term> terms = Params.terms("terms", termsParam, 2, MAX_TERMS);
        // the work is one series per term: the range is bounded by the same budget as a series, over all of them
        Params.BucketRange r = Params.series(fromParam, toParam, stepParam, maxBuckets, terms.size());
        Granularity step = r.step();
        Instant from = r.from();
        Instant to = r.to();
        Instant boundary = reader.boundary();
        Map<String, Map<Instant, Long>> posts = new LinkedHashMap<>();
        for (Term t : terms) {
            posts.put(t.text(), byBucket(reader.term(t.text(), step, from, to, boundary)));
        }
        Map<Instant, Long> all = byBucket(reader.totals(step, from, to, boundary));
        return answer(posts, all, step, from, to, boundary);
    }

    /** The answer from each term's posts per bucket and all posts per bucket. Pure. */
    static ShareResponse answer(Map<String, Map<Instant, Long>> posts, Map<Instant, Long> all, Granularity step,
                               Instant from, Instant to, Instant boundary) {
        TreeSet<Instant> buckets = new TreeSet<>(all.keySet());
        posts.values().forEach(p -> buckets.addAll(p.keySet()));
        List<ShareResponse.Point> points = new ArrayList<>();
        for (Instant b : buckets) {
            long mentions = posts.values().stream().mapToLong(p -> p.getOrDefault(b, 0L)).sum();
            long allPosts = all.getOrDefault(b, 0L);
            List<TermShare> shares = new ArrayList<>();
            posts.forEach((term, p) -> shares.add(TermShare.of(term, p.getOrDefault(b, 0L), mentions, allPosts)));
            points.add(new ShareResponse.Point(b, allPosts, mentions, shares));
        }
        long allPosts = all.values().stream().mapToLong(Long::longValue).sum();
        long mentions = posts.values().stream().flatMap(p -> p.values().stream()).mapToLong(Long::longValue).sum();
        List<TermShare> shares = new ArrayList<>();
        posts.forEach((term, p) -> shares.add(TermShare.of(term, p.values().stream().mapToLong(Long::longValue).sum(),
                mentions, allPosts)));
        return new ShareResponse(List.copyOf(posts.keySet()), step.label(), from, to, boundary, allPosts, mentions, shares,
                points);
    }

    private static Map<Instant, Long> byBucket(List<MergedPoint> points) {
        Map<Instant, Long> out = new TreeMap<>();
        points.forEach(p -> out.merge(p.bucket(), p.counts().posts(), Long::sum));
        return out;
    }
}
