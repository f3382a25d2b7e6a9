package io.trendwatch.cli;

import java.nio.file.Path;

/** Locates the shared data folder: {@code $TRENDWATCH_SHARED_DIR}, else {@code ../shared}. */
final class SharedData {

    private SharedData() {
    }

    static Path root() {
        String env = System.getenv("TRENDWATCH_SHARED_DIR");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of("..", "shared");
    }

    static Path semEvalSubtaskA() {
        return root().resolve("data/semeval2017-task4/subtask-a");
    }
}
