package io.trendwatch.serving.resources;

import com.codahale.metrics.annotation.Timed;
import io.trendwatch.core.text.Term;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.core.text.TermKind;
import io.trendwatch.core.view.ViewPolicy;
import io.trendwatch.serving.api.CsvTable;
import io.trendwatch.serving.api.NotKept;
import io.trendwatch.serving.api.SeriesPoint;
import io.trendwatch.serving.api.SeriesResponse;
import io.trendwatch.serving.merge.Source;
import io.trendwatch.serving.merge.ViewMerger;
import io.trendwatch.serving.db.SeriesReader;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;

/** {@code GET /api/v1/terms/{term}/series}: a term's counts and sentiment over time, merged at the boundary. */
@Path("/api/v1/terms/{term}/series")
@Produces({MediaType.APPLICATION_JSON, CsvTable.MEDIA_TYPE})
public record TermsResource(SeriesReader reader, int maxBuckets) {

    @GET
    @Timed
    public SeriesResponse series(@PathParam("term") String rawTerm, @QueryParam("from") String fromParam,
                                 @QueryParam("to") String toParam, @QueryParam("step") String stepParam) {
        Term term = Params.term(rawTerm);
        Params.BucketRange r = Params.series(fromParam, toParam, stepParam, maxBuckets, 1);
        Instant boundary = reader.boundary();
        List<SeriesPoint> points = reader.term(term.text(), r.step(), r.from(), r.to(), boundary).stream()
                .map(SeriesPoint::of).toList();
        return new SeriesResponse(term.text(), term.kind().label(), r.step().label(), r.from(), r.to(), boundary, points,
                notKept(term, r.step(), r.from(), r.to(), boundary));
    }

    /** The batch minute view keeps a word only from the policy's minimum of posts in the minute on. */
    static List<NotKept> notKept(Term term, Granularity step, Instant from, Instant to, Instant boundary) {
        var plan = ViewMerger.plan(step, from, to, boundary);
        long min = ViewPolicy.DEFAULT.minuteWordMinPosts();
        if (step != Granularity.MINUTE || term.kind() != TermKind.WORD || min <= 1 || !plan.from().isBefore(plan.boundary())) {
            return List.of();
        }
        Instant end = plan.to().isBefore(plan.boundary()) ? plan.to() : plan.boundary();
        return List.of(new NotKept(plan.from(), end, Source.BATCH.label(), min,
                "the batch view keeps a word's minute only when at least " + min + " posts of it contain the word; "
                        + "its hours and days are complete"));
    }
}
