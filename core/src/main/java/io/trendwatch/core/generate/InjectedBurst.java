package io.trendwatch.core.generate;

import java.time.Instant;

/**
 * Ground truth of one burst: between {@code start} (inclusive) and {@code end}
 * (exclusive) the term appears in {@code factor} times as many posts as
 * before. Expected counts are per minute at the stream's mean rate. A new
 * term's burst has a base of 0 and a factor relative to the stream's average
 * hashtag ({@code StreamGenerator.newTermBurst}).
 */
public record InjectedBurst(String term, Instant start, Instant end, double factor,
                            double basePerMinute, double burstPerMinute) {
}
