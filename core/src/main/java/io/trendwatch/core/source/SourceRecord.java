package io.trendwatch.core.source;

import io.trendwatch.core.post.ParseResult;

/** One record read from a file, with the line it starts on (1-based) for error reports. */
public record SourceRecord(long line, ParseResult result) {
}
