package io.trendwatch.batch.reconcile;

import java.time.Instant;

/**
 * A bucket where the answer differs from the recount of the master dataset.
 *
 * @param answered what the API answered (0 when it listed nothing)
 * @param source   the view the answer came from ({@code batch}, {@code speed}, {@code batch+speed}), or the view
 *                 that should have held the bucket when nothing was listed
 */
public record Mismatch(String term, Instant bucket, long recounted, long answered, String source) {
}
