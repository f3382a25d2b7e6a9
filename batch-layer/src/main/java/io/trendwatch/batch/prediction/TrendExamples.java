package io.trendwatch.batch.prediction;

import io.trendwatch.batch.views.TermSeriesRows;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.core.trend.TrendFeatures;
import io.trendwatch.core.trend.TrendParams;
import io.trendwatch.core.trend.TrendScorer;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Per (term, hour) examples for trend prediction from hourly counts, built by
 * the shared {@link TrendFeatures} over each term's series.
 */
public final class TrendExamples {

    static final StructType OUT = new StructType()
            .add("bucket", DataTypes.TimestampType, false)
            .add("term", DataTypes.StringType, false)
            .add("kind", DataTypes.StringType, false)
            .add("values", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
            .add("label", DataTypes.DoubleType, false)
            .add("labelled", DataTypes.BooleanType, false);

    private TrendExamples() {
    }

    /**
     * @param hourly counts per hour (bucket, term, kind, posts), the totals ({@code *}) included
     * @param from   examples start here; earlier hours are the terms' history
     * @param until  end of the counts (exclusive)
     */
    public static Dataset<Row> of(Dataset<Row> hourly, Instant from, Instant until, Duration window, TrendParams params) {
        return TermSeriesRows.byTerm(hourly, new Timestamp(until.toEpochMilli() - Granularity.HOUR.millis()))
                .flatMapGroups(new TermExamples(from, until, window, params), Encoders.row(OUT));
    }

    /** One term's examples: a row per hour from {@code from} on, its features and whether it trends the hour after. */
    record TermExamples(Instant from, Instant until, Duration window, TrendParams params)
            implements FlatMapGroupsFunction<String, Row, Row> {

        @Override
        public Iterator<Row> call(String term, Iterator<Row> rows) {
            TermSeriesRows.Series series = TermSeriesRows.series(rows);
            String kind = series.kind();
            List<Row> out = new ArrayList<>();
            for (TrendFeatures.Example e : TrendFeatures.of(series.points(), Granularity.HOUR, from, until, window,
                    new TrendScorer(params))) {
                Double[] values = new Double[e.features().length];
                for (int i = 0; i < values.length; i++) {
                    values[i] = e.features()[i];
                }
                out.add(RowFactory.create(Timestamp.from(e.bucket()), term, kind, values,
                        e.trendingNext() ? 1.0 : 0.0, e.labelled()));
            }
            return out.iterator();
        }
    }
}
