package io.trendwatch.serving.resources;

import com.codahale.metrics.annotation.Timed;
import io.trendwatch.core.text.Term;
import io.trendwatch.core.trend.TrendWindow;
import io.trendwatch.serving.api.ContextResponse;
import io.trendwatch.serving.api.CsvTable;
import io.trendwatch.serving.context.TermContexts;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;

/**
 * {@code GET /api/v1/terms/{term}/context?window=1h|24h|7d&at=&limit=}: why a term trends in the window ending at the
 * minute of {@code at} ({@link TermContexts}).
 */
@Path("/api/v1/terms/{term}/context")
@Produces({MediaType.APPLICATION_JSON, CsvTable.MEDIA_TYPE})
public record ContextResource(TermContexts contexts) {

    static final int MAX_EXAMPLES = 20;

    @GET
    @Timed
    public ContextResponse context(@PathParam("term") String rawTerm, @QueryParam("window") String windowParam,
                                   @QueryParam("at") String atParam, @QueryParam("limit") String limitParam) {
        Term term = Params.term(rawTerm);
        TrendWindow window = Params.window(windowParam);
        Instant at = Params.minute(atParam);
        int limit = Params.limit(limitParam, 5, MAX_EXAMPLES);
        return contexts.context(term, window, at, limit);
    }
}
