package io.trendwatch.serving.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.trendwatch.serving.db.ViewReader;

import java.time.LocalDate;
import java.util.List;

/** The topics of a day; empty until the topic model has run for it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TopicsResponse(LocalDate day, List<ViewReader.Topic> topics) {
}
