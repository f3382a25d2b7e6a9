package io.trendwatch.serving.resources;

import com.codahale.metrics.annotation.Timed;
import io.trendwatch.core.text.Term;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.serving.api.SeriesPoint;
import io.trendwatch.serving.api.SeriesResponse;
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
@Produces(MediaType.APPLICATION_JSON)
public final class TermsResource {

    private final SeriesReader reader;
    private final int maxBuckets;

    public TermsResource(SeriesReader reader, int maxBuckets) {
        this.reader = reader;
        this.maxBuckets = maxBuckets;
    }

    @GET
    @Timed
    public SeriesResponse series(@PathParam("term") String rawTerm, @QueryParam("from") String fromParam,
                                 @QueryParam("to") String toParam, @QueryParam("step") String stepParam) {
        Term term = Params.term(rawTerm);
        Granularity step = Params.step(stepParam);
        Instant to = Params.instant("to", toParam, Instant.now());
        Instant from = Params.instant("from", fromParam, to.minus(step.millis() * 24, java.time.temporal.ChronoUnit.MILLIS));
        Params.range(from, to, step, maxBuckets);
        Instant boundary = reader.boundary();
        List<SeriesPoint> points = reader.term(term.text(), step, from, to, boundary).stream().map(SeriesPoint::of).toList();
        return new SeriesResponse(term.text(), term.kind().label(), step.label(), from, to, boundary, points);
    }
}
