package io.trendwatch.batch.fs;

import io.trendwatch.core.time.SparkSettings;

import java.util.HashMap;
import java.util.Map;

/**
 * The settings every batch session starts from: the ones both layers share ({@link SparkSettings}), and two for the
 * master dataset's files, one folder per date. Its {@code file:} paths go through {@link NioLocalFileSystem}; and up
 * to {@value #DRIVER_LISTING_PATHS} folders are listed by the driver, not by a Spark job of one task per folder
 * (Spark's default above 32: a job of 577 tasks, 4.8 s on two cores, for the dates of 2011-2026).
 */
public final class BatchSparkSettings {

    /** About eleven years of dates. */
    static final int DRIVER_LISTING_PATHS = 4096;

    private BatchSparkSettings() {
    }

    public static Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>(SparkSettings.shared());
        settings.put("spark.hadoop.fs.file.impl", NioLocalFileSystem.class.getName());
        settings.put("spark.sql.sources.parallelPartitionDiscovery.threshold", Integer.toString(DRIVER_LISTING_PATHS));
        return Map.copyOf(settings);
    }
}
