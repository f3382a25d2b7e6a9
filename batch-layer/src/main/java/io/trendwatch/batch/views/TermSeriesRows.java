package io.trendwatch.batch.views;

import io.trendwatch.core.text.PostTerms;
import io.trendwatch.core.trend.TrendSeries;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.KeyValueGroupedDataset;
import org.apache.spark.sql.Row;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

/**
 * Count rows as per-term series for the shared trend code: each term's rows
 * beside its bucket's total posts, grouped by term, and turned into the
 * ascending points {@link TrendSeries} folds. Used by the trend ranking and by
 * the trend-prediction examples, so both see a term's series the same way.
 */
public final class TermSeriesRows {

    /** A term's kind and its points (bucket, count, total), ascending. */
    public record Series(String kind, List<TrendSeries.Point> points) {
    }

    private TermSeriesRows() {
    }

    /**
     * @param counts counts at one step (bucket, term, kind, posts), the totals ({@code *}) included
     * @param last   the last bucket start kept
     * @return rows (bucket, term, kind, posts, total) grouped by term
     */
    public static KeyValueGroupedDataset<String, Row> byTerm(Dataset<Row> counts, Timestamp last) {
        Dataset<Row> totals = counts.filter(col("term").equalTo(PostTerms.TOTAL))
                .select(col("bucket").as("total_bucket"), col("posts").as("total"));
        Dataset<Row> terms = counts.filter(col("term").notEqual(PostTerms.TOTAL).and(col("bucket").leq(last)));
        // one total per bucket: a small table next to every term's rows
        return terms.join(broadcast(totals), terms.col("bucket").equalTo(totals.col("total_bucket")))
                .select("bucket", "term", "kind", "posts", "total")
                .groupByKey((MapFunction<Row, String>) r -> r.getString(1), Encoders.STRING());
    }

    /** One term's grouped rows as its series. */
    public static Series series(Iterator<Row> rows) {
        List<Row> sorted = new ArrayList<>();
        rows.forEachRemaining(sorted::add);
        sorted.sort(Comparator.comparing(r -> (Timestamp) r.get(0)));
        List<TrendSeries.Point> points = new ArrayList<>(sorted.size());
        for (Row r : sorted) {
            points.add(new TrendSeries.Point(((Timestamp) r.get(0)).toInstant(), r.getLong(3), r.getLong(4)));
        }
        return new Series(sorted.get(0).getString(2), points);
    }
}
