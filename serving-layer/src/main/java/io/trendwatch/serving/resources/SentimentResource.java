package io.trendwatch.serving.resources;

import com.codahale.metrics.annotation.Timed;
import io.trendwatch.core.sentiment.PolarityRates;
import io.trendwatch.core.text.Term;
import io.trendwatch.serving.api.CsvTable;
import io.trendwatch.serving.api.SentimentResponse;
import io.trendwatch.serving.merge.Counts;
import io.trendwatch.serving.merge.MergedPoint;
import io.trendwatch.serving.merge.ShareEstimator;
import io.trendwatch.serving.db.SeriesReader;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code GET /api/v1/sentiment?term=&from=&to=}: the sentiment split of a term's posts (or of all posts) in a range. */
@Path("/api/v1/sentiment")
@Produces({MediaType.APPLICATION_JSON, CsvTable.MEDIA_TYPE})
public record SentimentResource(SeriesReader reader, ShareEstimator shares, int maxBuckets) {

    @GET
    @Timed
    public SentimentResponse sentiment(@QueryParam("term") String rawTerm, @QueryParam("from") String fromParam,
                                       @QueryParam("to") String toParam) {
        Term term = rawTerm == null || rawTerm.isBlank() ? null : Params.term(rawTerm);
        Params.BucketRange r = Params.finest(fromParam, toParam, maxBuckets);
        Instant from = r.from();
        Instant to = r.to();
        Instant boundary = reader.boundary();
        List<MergedPoint> points = term == null ? reader.totals(r.step(), from, to, boundary)
                : reader.term(term.text(), r.step(), from, to, boundary);
        Counts sum = points.stream().map(MergedPoint::counts).reduce(Counts.ZERO, Counts::plus);
        List<String> sources = points.stream().map(p -> p.source().label()).distinct().sorted().toList();
        Optional<PolarityRates.Shares> counted = PolarityRates.counted(sum.positive(), sum.neutral(), sum.negative());
        ShareEstimator.Basis basis = shares.basis();
        ShareEstimator.Estimate estimate = basis.estimate(sum);
        return new SentimentResponse(term == null ? null : term.text(), from, to, boundary, sum.posts(), sum.positive(),
                sum.neutral(), sum.negative(), sum.unscored(), counted.map(PolarityRates.Shares::positive).orElse(null),
                counted.map(PolarityRates.Shares::negative).orElse(null), estimate.positive(), estimate.negative(),
                basis.method().label(), basis.model(), sources);
    }
}
