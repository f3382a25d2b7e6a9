package io.trendwatch.serving.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * The pipeline's state: the boundary and its run, the speed layer's heartbeat and state (running, or
 * waiting for Cassandra or Kafka, and why), the records it lost to the topic's retention, the model in use.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StatusResponse(Instant boundary, Instant boundaryPublishedAt, Long boundaryAgeSeconds, String lastRunId,
                             String lastRunStatus, Long lastRunInputPosts, Long lastRunRowsWritten, Long lastRunDurationMs,
                             Instant speedUpdatedAt, Long speedLagRecords, Long speedDeadLetters, Long speedLateRecords,
                             Instant speedMaxEventTime, Long speedLostRecords, String speedState, String speedStateDetail,
                             Instant speedStateSince, String sentimentModel) {
}
