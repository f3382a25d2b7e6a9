package io.trendwatch.serving.merge;

import java.time.Instant;

/** One bucket of a merged series. */
public record MergedPoint(Instant bucket, Counts counts, Source source) {
}
