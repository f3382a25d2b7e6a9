package io.trendwatch.serving.resources;

import com.codahale.metrics.annotation.Timed;
import io.trendwatch.serving.api.TopicsResponse;
import io.trendwatch.serving.db.ViewReader;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.LocalDate;

/** {@code GET /api/v1/topics?day=}: the topics of a day; an empty list until the topic model has run. */
@Path("/api/v1/topics")
@Produces(MediaType.APPLICATION_JSON)
public record TopicsResource(ViewReader dao) {

    @GET
    @Timed
    public TopicsResponse topics(@QueryParam("day") String dayParam) {
        LocalDate day = Params.day(dayParam);
        return new TopicsResponse(day, dao.topics(day));
    }
}
