package io.trendwatch.serving.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/**
 * A span of a series where a view keeps a bucket only from {@code minPosts}
 * posts on: a bucket of it that is not listed had fewer than that (it may have
 * had some), where elsewhere an unlisted bucket had none.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NotKept(Instant from, Instant to, String view, long minPosts, String reason) {
}
