package io.trendwatch.serving.report;

import io.trendwatch.serving.merge.MergedPoint;
import io.trendwatch.serving.db.ViewReader;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Everything a report shows, read once from the views; rendering is separate. {@code shareEstimate} says how the
 * sentiment shares were estimated from the exact counts.
 */
public record ReportData(LocalDate from, LocalDate to, Instant generatedAt, Instant boundary,
                         List<TermLine> topTrends, List<TermLine> risers, List<TermLine> fallers,
                         List<SentimentShift> shifts, String shareEstimate, Map<LocalDate, List<ViewReader.Topic>> topics,
                         List<MergedPoint> volume) {

    /** A term over the period and the period of the same length before it. */
    public record TermLine(String term, String kind, long posts, long previousPosts, double score, int bucketsTrending) {
        public long change() {
            return posts - previousPosts;
        }
    }

    /** A term's sentiment in the first and the second half of the period (estimated shares of its scored posts). */
    public record SentimentShift(String term, long scoredBefore, double positiveBefore, double negativeBefore,
                                 long scoredAfter, double positiveAfter, double negativeAfter) {
    }
}
