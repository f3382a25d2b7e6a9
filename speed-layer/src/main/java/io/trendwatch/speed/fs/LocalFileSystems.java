package io.trendwatch.speed.fs;

import java.util.Map;

/** The Spark settings that route {@code file:} paths (checkpoints, state store uploads) through the {@code java.nio} classes of this package, which start no child process per file. */
public final class LocalFileSystems {

    private LocalFileSystems() {
    }

    public static Map<String, String> sparkConf() {
        return Map.of(
                "spark.hadoop.fs.file.impl", NioLocalFileSystem.class.getName(),
                "spark.hadoop.fs.AbstractFileSystem.file.impl", NioLocalFs.class.getName());
    }
}
