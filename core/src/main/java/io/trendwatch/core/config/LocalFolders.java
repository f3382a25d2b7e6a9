package io.trendwatch.core.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a node keeps its files unless told otherwise, for every command and layer alike: everything under
 * {@code $TRENDWATCH_HOME} (default {@code .trendwatch}, beside the checkout), the master dataset, the model
 * artifacts and the streaming checkpoints each movable on its own ({@code $TRENDWATCH_MASTER},
 * {@code $TRENDWATCH_MODELS}, {@code $TRENDWATCH_CHECKPOINTS}) to a disk that every node sees.
 */
public final class LocalFolders {

    private LocalFolders() {
    }

    public static Path home(Map<String, String> env) {
        return Path.of(nonBlank(env.get("TRENDWATCH_HOME"), ".trendwatch"));
    }

    public static Path master(Map<String, String> env) {
        String explicit = env.get("TRENDWATCH_MASTER");
        return explicit != null && !explicit.isBlank() ? Path.of(explicit) : home(env).resolve("master");
    }

    public static Path models(Map<String, String> env) {
        String explicit = env.get("TRENDWATCH_MODELS");
        return explicit != null && !explicit.isBlank() ? Path.of(explicit) : home(env).resolve("models");
    }

    /** The checkpoint folder of the streaming query {@code name}. */
    public static Path checkpoints(Map<String, String> env, String name) {
        String explicit = env.get("TRENDWATCH_CHECKPOINTS");
        return (explicit != null && !explicit.isBlank() ? Path.of(explicit) : home(env).resolve("checkpoints")).resolve(name);
    }

    private static String nonBlank(String value, String otherwise) {
        return value != null && !value.isBlank() ? value : otherwise;
    }
}
