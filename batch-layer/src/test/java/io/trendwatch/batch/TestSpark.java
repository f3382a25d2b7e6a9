package io.trendwatch.batch;

import org.apache.spark.sql.SparkSession;

/** One SparkSession for every test of this JVM: starting Spark costs seconds. */
public final class TestSpark {

    private static SparkSession session;

    private TestSpark() {
    }

    public static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder().appName("trendwatch-batch-test").master("local[2]")
                    .config("spark.sql.shuffle.partitions", 4)
                    .config("spark.ui.enabled", false)
                    .config("spark.sql.session.timeZone", "UTC")
                    .getOrCreate();
        }
        return session;
    }
}
