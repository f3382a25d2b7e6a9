package io.trendwatch.serving.resources;

import com.codahale.metrics.annotation.Timed;
import io.trendwatch.serving.api.StatusResponse;
import io.trendwatch.serving.db.ViewReader;
import io.trendwatch.store.models.ModelNames;
import io.trendwatch.store.views.BatchRun;
import io.trendwatch.store.views.SpeedStatus;
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
public record StatusResource(ViewReader dao, String speedQuery) {

    @GET
    @Timed
    public StatusResponse status() {
        Optional<ViewReader.BoundaryRow> boundary = dao.boundary();
        Optional<BatchRun> run = boundary.flatMap(b -> dao.batchRun(b.runId()));
        Optional<SpeedStatus> speed = dao.speedStatus(speedQuery);
        return new StatusResponse(
                boundary.map(ViewReader.BoundaryRow::boundary).orElse(null),
                boundary.map(ViewReader.BoundaryRow::publishedAt).orElse(null),
                boundary.map(b -> Duration.between(b.publishedAt(), Instant.now()).toSeconds()).orElse(null),
                boundary.map(ViewReader.BoundaryRow::runId).orElse(null),
                run.map(BatchRun::status).orElse(null),
                run.map(BatchRun::inputPosts).orElse(null),
                run.map(BatchRun::rowsWritten).orElse(null),
                run.map(BatchRun::durationMs).orElse(null),
                speed.map(SpeedStatus::updatedAt).orElse(null),
                speed.map(SpeedStatus::lagRecords).orElse(null),
                speed.map(SpeedStatus::dlqRecords).orElse(null),
                speed.map(SpeedStatus::lateRecords).orElse(null),
                speed.map(SpeedStatus::maxEventTime).orElse(null),
                speed.map(r -> r.lostRecords() == null ? 0L : r.lostRecords()).orElse(null),
                speed.map(SpeedStatus::state).orElse(null),
                speed.map(SpeedStatus::stateDetail).orElse(null),
                speed.map(SpeedStatus::stateSince).orElse(null),
                dao.promotedModel(ModelNames.SENTIMENT).orElse("none"));
    }
}
