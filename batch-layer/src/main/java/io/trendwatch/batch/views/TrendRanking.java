package io.trendwatch.batch.views;

import io.trendwatch.core.time.Granularity;
import io.trendwatch.core.trend.Baseline;
import io.trendwatch.core.trend.TrendParams;
import io.trendwatch.core.trend.TrendScorer;
import io.trendwatch.core.trend.TrendSeries;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

/**
 * Runs the shared {@link TrendSeries} over every term's series at a step:
 * the buckets it flags inside the plan's range (to rank the trending terms of
 * each hour and day) and the term's baseline at the end of the history (for
 * the speed layer and the API).
 */
public final class TrendRanking {

    static final StructType OUT = new StructType()
            .add("row", DataTypes.StringType, false)          // trend | baseline
            .add("step", DataTypes.StringType, false)
            .add("bucket", DataTypes.TimestampType, false)    // scored bucket | last bucket of the history
            .add("term", DataTypes.StringType, false)
            .add("kind", DataTypes.StringType, false)
            .add("posts", DataTypes.LongType, false)
            .add("score", DataTypes.DoubleType, false)
            .add("zscore", DataTypes.DoubleType, false)
            .add("poisson", DataTypes.DoubleType, false)
            .add("mean", DataTypes.DoubleType, false)
            .add("variance", DataTypes.DoubleType, false)
            .add("observations", DataTypes.LongType, false);

    private TrendRanking() {
    }

    /**
     * @param counts  counts at {@code step} (bucket, term, kind, posts), totals included (they are skipped)
     * @param until   end of the history: buckets before it are folded, the baseline is as of it
     * @param scoreFrom buckets from here on are scored
     * @param window  the history each baseline folds in
     */
    public static Dataset<Row> score(Dataset<Row> counts, Granularity step, Instant scoreFrom, Instant until,
                                     Duration window, TrendParams params) {
        return TermSeriesRows.byTerm(counts, new Timestamp(until.toEpochMilli() - step.millis()))
                .flatMapGroups(new ScoreTermSeries(step, scoreFrom, until, window, params), Encoders.row(OUT));
    }

    /** The top {@code limit} trending terms of each bucket: columns step, bucket, rank, term, kind, posts, scores. */
    public static Dataset<Row> top(Dataset<Row> scored, int limit) {
        return scored.filter(col("row").equalTo("trend"))
                .withColumn("rank", row_number().over(Window.partitionBy("step", "bucket")
                        .orderBy(col("score").desc(), col("term").asc())))
                .filter(col("rank").leq(limit));
    }

    public static Dataset<Row> baselines(Dataset<Row> scored) {
        return scored.filter(col("row").equalTo("baseline"));
    }

    /** Scores one term's series: a row per trending bucket from {@code scoreFrom} on, and its baseline as of {@code until}. */
    record ScoreTermSeries(Granularity step, Instant scoreFrom, Instant until, Duration window, TrendParams params)
            implements FlatMapGroupsFunction<String, Row, Row> {

        @Override
        public Iterator<Row> call(String term, Iterator<Row> rows) {
            TermSeriesRows.Series series = TermSeriesRows.series(rows);
            String kind = series.kind();
            TrendSeries.Result result = TrendSeries.fold(series.points(), step, scoreFrom, until, window, new TrendScorer(params));
            List<Row> out = new ArrayList<>(result.trending().size() + 1);
            for (TrendSeries.Scored s : result.trending()) {
                out.add(RowFactory.create("trend", step.label(), Timestamp.from(s.bucket()), term, kind, s.score().count(),
                        s.score().score(), s.score().zscore(), s.score().surprise(), s.score().expected(), 0.0, 0L));
            }
            Baseline b = result.baseline();
            // a term not seen for long has decayed to no baseline: storing it would change no score
            if (b.mean() >= Baseline.ZERO || b.variance() >= Baseline.ZERO * Baseline.ZERO) {
                out.add(RowFactory.create("baseline", step.label(), new Timestamp(until.toEpochMilli() - step.millis()),
                        term, kind, 0L, 0.0, 0.0, 0.0, b.mean(), b.variance(), b.observations()));
            }
            return out.iterator();
        }
    }
}
