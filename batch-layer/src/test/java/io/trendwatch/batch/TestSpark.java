package io.trendwatch.batch;

import io.trendwatch.batch.fs.BatchSparkSettings;
import org.apache.spark.sql.SparkSession;

/** One SparkSession for every test of this JVM: starting Spark costs seconds. */
public final class TestSpark {

    private static SparkSession session;

    private TestSpark() {
    }

    public static synchronized SparkSession session() {
        if (session == null) {
            SparkSession.Builder builder = SparkSession.builder().appName("trendwatch-batch-test").master("local[2]")
                    .config("spark.sql.shuffle.partitions", 4);
            BatchSparkSettings.settings().forEach(builder::config);
            session = builder.getOrCreate();
        }
        return session;
    }
}
