package io.trendwatch.batch.cli;

import io.trendwatch.batch.fs.BatchSparkSettings;
import io.trendwatch.store.cli.KeyspaceOption;
import io.trendwatch.batch.master.MasterDataset;
import io.trendwatch.core.config.LocalFolders;
import io.trendwatch.store.CassandraSettings;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every batch command shares: where the master dataset is, which Spark, which keyspace. */
public final class BatchOptions {

    @Option(names = "--master-dir", description = "Master dataset folder (default: $TRENDWATCH_MASTER or $TRENDWATCH_HOME/master)")
    Path masterDir;

    @Option(names = "--spark-master", description = "Spark master URL (default: local[2], or what spark-submit set)")
    String sparkMaster;

    @Option(names = "--shuffle-partitions", defaultValue = "4",
            description = "spark.sql.shuffle.partitions (default: ${DEFAULT-VALUE}; raise it on a cluster)")
    int shufflePartitions;

    @Mixin
    KeyspaceOption keyspace;

    public MasterDataset master() {
        return new MasterDataset(masterDir != null ? masterDir : LocalFolders.master(System.getenv()));
    }

    public CassandraSettings cassandra() {
        return keyspace.cassandra();
    }

    /** One session per JVM: later calls get the same one. */
    public SparkSession spark() {
        SparkSession.Builder builder = SparkSession.builder().appName("trendwatch-batch")
                .config("spark.sql.shuffle.partitions", shufflePartitions)
                .config("spark.sql.parquet.compression.codec", "zstd");
        BatchSparkSettings.settings().forEach(builder::config);
        if (sparkMaster != null || System.getProperty("spark.master") == null) {
            builder.master(sparkMaster != null ? sparkMaster : "local[2]");
        }
        return builder.getOrCreate();
    }
}
