package io.trendwatch.batch.prediction;

import io.trendwatch.batch.NotEnoughDataException;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

/**
 * Will a term trend next hour? A logistic regression over {@link TrendExamples}
 * (MLlib), positives weighted up as they are rare; judged by ROC AUC and by
 * precision at k (of the k terms ranked most likely in an hour, the share
 * that did trend next hour, averaged over the hours with a trending term).
 */
public final class TrendClassifier {

    /** Figures of a model on a set of examples. */
    public record Evaluation(double auc, double precisionAtK, int k, long examples, long positives) {
    }

    private static final UserDefinedFunction POSITIVE = udf((UDF1<Vector, Double>) v -> v.apply(1), DataTypes.DoubleType);

    private TrendClassifier() {
    }

    public static LogisticRegressionModel fit(Dataset<Row> examples, long seed) {
        Dataset<Row> labelled = withVector(examples.filter(col("labelled")));
        Row counts = labelled.agg(count(lit(1)), sum("label")).first();
        long n = counts.getLong(0);
        double positives = counts.isNullAt(1) ? 0 : counts.getDouble(1);
        if (positives == 0 || positives == n) {
            throw new NotEnoughDataException("the training range has " + (long) positives + " trending term-hours out of "
                    + n + ": a classifier needs both kinds (widen the range)");
        }
        double positiveWeight = (n - positives) / positives;
        Dataset<Row> weighted = labelled.withColumn("weight", when(col("label").equalTo(1.0), positiveWeight).otherwise(1.0));
        return new LogisticRegression().setMaxIter(100).setRegParam(0.01).setWeightCol("weight")
                .setFeaturesCol("features").setLabelCol("label").fit(weighted);
    }

    /** The examples with a {@code probability} column (of trending next hour). */
    public static Dataset<Row> predict(LogisticRegressionModel model, Dataset<Row> examples) {
        return model.transform(withVector(examples)).withColumn("p", POSITIVE.apply(col("probability")))
                .drop("probability").withColumnRenamed("p", "probability");
    }

    public static Evaluation evaluate(LogisticRegressionModel model, Dataset<Row> examples, int k) {
        Dataset<Row> scored = predict(model, examples.filter(col("labelled"))).cache();
        try {
            Row counted = scored.agg(count(lit(1)), sum("label")).first();
            long n = counted.getLong(0);
            long positives = counted.isNullAt(1) ? 0 : (long) counted.getDouble(1);
            if (positives == 0 || positives == n) {
                throw new NotEnoughDataException("the evaluation days have " + positives + " trending term-hours out of "
                        + n + ": AUC needs both kinds (widen the range or --eval-days)");
            }
            double auc = new BinaryClassificationEvaluator().setMetricName("areaUnderROC")
                    .setRawPredictionCol("rawPrediction").setLabelCol("label").evaluate(scored);
            Dataset<Row> hoursWithTrends = scored.groupBy("bucket").agg(sum("label").as("positives"))
                    .filter(col("positives").gt(0)).select("bucket");
            Row p = scored.join(hoursWithTrends, "bucket")
                    .withColumn("rank", row_number().over(Window.partitionBy("bucket")
                            .orderBy(col("probability").desc(), col("term").asc())))
                    .filter(col("rank").leq(k))
                    .groupBy("bucket").agg(avg("label").as("precision"))
                    .agg(avg("precision")).first();
            return new Evaluation(auc, p.isNullAt(0) ? 0 : p.getDouble(0), k, n, positives);
        } finally {
            scored.unpersist();
        }
    }

    private static Dataset<Row> withVector(Dataset<Row> examples) {
        return examples.withColumn("features", org.apache.spark.ml.functions.array_to_vector(col("values")));
    }
}
