package io.trendwatch.speed.pipeline;

import io.trendwatch.core.time.SparkSettings;
import io.trendwatch.speed.fs.LocalFileSystems;
import org.apache.spark.sql.SparkSession;

import java.time.Duration;

/**
 * The Spark settings the speed layer's queries rely on, in one place for the service and its tests: the layers'
 * shared ones ({@link SparkSettings}: buckets in UTC),
 * state in RocksDB (the de-duplication's {@code transformWithState} needs it), checkpoints on a local disk without a
 * child process per file, and a bounded stop (of the queries and of the state stores' maintenance).
 */
public final class SpeedSession {

    private SpeedSession() {
    }

    /** A builder with the speed layer's settings; the caller sets the master and the application name. */
    public static SparkSession.Builder builder(int shufflePartitions, Duration stopTimeout) {
        SparkSession.Builder builder = SparkSession.builder()
                // a query that cannot stop within this (a broker away) is left behind: the process still ends
                .config("spark.sql.streaming.stopTimeout", stopTimeout.toMillis())
                .config("spark.sql.shuffle.partitions", shufflePartitions)
                .config("spark.sql.streaming.metricsEnabled", true);
        SparkSettings.shared().forEach(builder::config);
        // checkpoints and state store files on a local disk without a child process per file (see the class)
        LocalFileSystems.sparkConf().forEach(builder::config);
        // RocksDB keeps the state off the JVM heap, and the de-duplication's transformWithState needs it
        return builder.config("spark.sql.streaming.stateStore.providerClass",
                        "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider")
                .config("spark.sql.streaming.stateStore.rocksdb.changelogCheckpointing.enabled", true)
                // counting the store's rows costs a RocksDB read before every write; the count is only a metric
                .config("spark.sql.streaming.stateStore.rocksdb.trackTotalNumberOfRows", false)
                // closing the stores on stop waits for a running maintenance task (a snapshot upload) 2 s at most,
                // then 1 s after cancelling it: a SIGTERM still ends the process within 15 s
                .config("spark.sql.streaming.stateStore.maintenanceShutdownTimeout", 2L)
                .config("spark.sql.streaming.stateStore.maintenanceForceShutdownTimeout", 1L);
    }
}
