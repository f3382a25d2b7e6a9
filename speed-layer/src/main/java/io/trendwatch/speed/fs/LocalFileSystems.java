package io.trendwatch.speed.fs;

import java.util.Map;

/** The Spark settings that route {@code file:} paths (checkpoints, state store uploads) through the forkless classes. */
public final class LocalFileSystems {

    private LocalFileSystems() {
    }

    public static Map<String, String> sparkConf() {
        return Map.of(
                "spark.hadoop.fs.file.impl", ForklessLocalFileSystem.class.getName(),
                "spark.hadoop.fs.AbstractFileSystem.file.impl", ForklessLocalFs.class.getName());
    }
}
