package io.trendwatch.serving.resources;

import com.codahale.metrics.annotation.Timed;
import com.datastax.oss.driver.api.core.cql.Row;
import io.trendwatch.serving.api.StatusResponse;
import io.trendwatch.serving.db.ViewsDao;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** {@code GET /api/v1/status}: boundary, last batch run, speed layer heartbeat, lag, state and losses, model in use. */
@Path("/api/v1/status")
@Produces(MediaType.APPLICATION_JSON)
public final class StatusResource {

    private final ViewsDao dao;
    private final String speedQuery;

    public StatusResource(ViewsDao dao, String speedQuery) {
        this.dao = dao;
        this.speedQuery = speedQuery;
    }

    @GET
    @Timed
    public StatusResponse status() {
        Optional<ViewsDao.BoundaryRow> boundary = dao.boundary();
        Optional<Row> run = boundary.flatMap(b -> dao.batchRun(b.runId()));
        Optional<Row> speed = dao.speedStatus(speedQuery);
        return new StatusResponse(
                boundary.map(ViewsDao.BoundaryRow::boundary).orElse(null),
                boundary.map(ViewsDao.BoundaryRow::publishedAt).orElse(null),
                boundary.map(b -> Duration.between(b.publishedAt(), Instant.now()).toSeconds()).orElse(null),
                boundary.map(ViewsDao.BoundaryRow::runId).orElse(null),
                run.map(r -> r.getString("status")).orElse(null),
                run.map(r -> r.isNull("input_posts") ? null : r.getLong("input_posts")).orElse(null),
                run.map(r -> r.isNull("rows_written") ? null : r.getLong("rows_written")).orElse(null),
                run.map(r -> r.isNull("duration_ms") ? null : r.getLong("duration_ms")).orElse(null),
                speed.map(r -> r.getInstant("updated_at")).orElse(null),
                speed.map(r -> r.isNull("lag_records") ? null : r.getLong("lag_records")).orElse(null),
                speed.map(r -> r.isNull("dlq_records") ? null : r.getLong("dlq_records")).orElse(null),
                speed.map(r -> r.isNull("late_records") ? null : r.getLong("late_records")).orElse(null),
                speed.map(r -> r.getInstant("max_event_time")).orElse(null),
                speed.map(r -> r.isNull("lost_records") ? 0L : r.getLong("lost_records")).orElse(null),
                speed.map(r -> r.getString("state")).orElse(null),
                speed.map(r -> r.getString("state_detail")).orElse(null),
                speed.map(r -> r.getInstant("state_since")).orElse(null),
                dao.promotedModel("sentiment").orElse("none"));
    }
}
