package io.trendwatch.batch.prediction;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.trendwatch.batch.master.MasterDataset;
import io.trendwatch.batch.views.RecomputePlan;
import io.trendwatch.batch.views.TermCounting;
import io.trendwatch.core.sentiment.SentimentScorer;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.core.trend.TrendFeatures;
import io.trendwatch.core.trend.TrendParams;
import io.trendwatch.model.registry.ModelsDir;
import io.trendwatch.store.BoundedWrites;
import io.trendwatch.store.models.ModelNames;
import io.trendwatch.store.models.ModelRecord;
import io.trendwatch.store.models.ModelRegistry;
import io.trendwatch.store.models.Promotion;
import io.trendwatch.store.models.PromotionRefusedException;
import io.trendwatch.store.views.Tables;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;

/**
 * Trains the trend-prediction model on the hourly counts of a range of days
 * of the master dataset, evaluates it on the range's last days (later than
 * everything it was trained on), registers it, promotes it if its AUC is not
 * worse than the model in use, and writes the in-use model's predictions for
 * the evaluation days to {@link Tables#TREND_PREDICTIONS} for the API.
 */
public record TrendPredictionJob(SparkSession spark, MasterDataset master, CqlSession session, String keyspace,
                                 ModelsDir models) {

    public static final String NAME = ModelNames.TREND;
    public static final int K = 10;

    /** What a run did. */
    public record Result(String version, TrendClassifier.Evaluation evaluation, Optional<Promotion> promoted,
                         String refusal, String predictionsBy, long predictionsWritten) {
    }

    /**
     * @param from      first day whose hours become examples
     * @param to        last day (inclusive)
     * @param evalDays  the last days of the range, held out for evaluation
     * @param history   history before {@code from} that the baselines fold in (the trend definition's window)
     * @param force     promote even if the AUC is worse than the model in use
     */
    public Result run(LocalDate from, LocalDate to, int evalDays, Duration history, boolean force) throws IOException {
        if (to.isBefore(from) || evalDays < 1 || !from.plusDays(evalDays).isBefore(to.plusDays(1))) {
            throw new IllegalArgumentException("the range " + from + ".." + to + " needs more days than the "
                    + evalDays + " evaluation day(s) after the training days");
        }
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant evalFrom = end.minus(Duration.ofDays(evalDays));
        Dataset<Row> posts = master.read(spark, start.minus(history), end);
        // every post counted per hour: minute counts begin after the range
        RecomputePlan hoursOnly = new RecomputePlan(end.plus(Duration.ofDays(2)), start, end,
                end.plus(Duration.ofDays(2)), start.minus(history), false);
        Dataset<Row> hourly = TermCounting.rollUp(TermCounting.bucketCounts(posts, hoursOnly, SentimentScorer.UNSCORED), Granularity.HOUR);
        Dataset<Row> examples = TrendExamples.of(hourly, start, end, history, TrendParams.DEFAULT).cache();
        try {
            // a training example's label is the next hour: it must lie before the evaluation days
            Dataset<Row> train = examples.filter(col("bucket").lt(new Timestamp(evalFrom.minus(Duration.ofHours(1)).toEpochMilli())));
            Dataset<Row> held = examples.filter(col("bucket").geq(new Timestamp(evalFrom.toEpochMilli())));
            long seed = 42;
            LogisticRegressionModel model = TrendClassifier.fit(train, seed);
            TrendClassifier.Evaluation eval = TrendClassifier.evaluate(model, held, K);

            Instant now = Instant.now();
            String version = models.newVersion(NAME, now);
            Path artifact = models.dir(NAME, version);
            model.write().overwrite().save(artifact.resolve("lr").toString());
            ModelRegistry registry = new ModelRegistry(session, keyspace);
            Map<String, String> params = new LinkedHashMap<>();
            params.put("algorithm", "Spark MLlib logistic regression, positives weighted");
            params.put("features", String.join(",", TrendFeatures.NAMES));
            params.put("train_days", from + ".." + LocalDate.ofInstant(evalFrom, ZoneOffset.UTC).minusDays(1));
            params.put("eval_days", LocalDate.ofInstant(evalFrom, ZoneOffset.UTC) + ".." + to);
            params.put("reg_param", "0.01");
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("auc", eval.auc());
            metrics.put("precision_at_" + K, eval.precisionAtK());
            metrics.put("eval_examples", (double) eval.examples());
            metrics.put("eval_positives", (double) eval.positives());
            registry.register(new ModelRecord(NAME, version, now, start, evalFrom, params, metrics,
                    artifact.toAbsolutePath().toString(), "trained"));
            Optional<Promotion> promoted = Optional.empty();
            String refusal = null;
            try {
                promoted = Optional.of(registry.promote(NAME, version, "auc", force));
            } catch (PromotionRefusedException e) {
                refusal = e.getMessage();
            }
            Promotion inUse = registry.inUse(NAME).orElseThrow();
            LogisticRegressionModel serving = inUse.version().equals(version) ? model
                    : LogisticRegressionModel.load(Path.of(registry.find(NAME, inUse.version()).orElseThrow().artifact())
                    .resolve("lr").toString());
            long written = writePredictions(TrendClassifier.predict(serving, held), inUse.version());
            return new Result(version, eval, promoted, refusal, inUse.version(), written);
        } finally {
            examples.unpersist();
        }
    }

    private long writePredictions(Dataset<Row> predicted, String version) {
        PreparedStatement insert = session.prepare(Tables.TREND_PREDICTIONS.insert(keyspace,
                "step, bucket, term, probability, model_version"));
        BoundedWrites writes = new BoundedWrites(session, 64);
        long n = 0;
        try {
            Iterator<Row> rows = predicted.select("bucket", "term", "probability").toLocalIterator();
            while (rows.hasNext()) {
                Row r = rows.next();
                writes.send(insert.bind(Granularity.HOUR.label(), r.getTimestamp(0).toInstant(), r.getString(1), r.getDouble(2), version)
                        .setIdempotent(true));
                n++;
            }
            writes.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing predictions", e);
        }
        return n;
    }
}
