package io.trendwatch.model.cli;

import java.nio.file.Path;

/** The shared data folder: {@code $TRENDWATCH_SHARED_DIR}, else {@code ../shared}. */
final class SharedData {

    private SharedData() {
    }

    static Path semEvalSubtaskA() {
        return semEval().resolve("subtask-a");
    }

    /** The topic-labelled tweets of subtasks B and D. */
    static Path semEvalSubtaskBd() {
        return semEval().resolve("subtask-bd");
    }

    private static Path semEval() {
        String env = System.getenv("TRENDWATCH_SHARED_DIR");
        Path root = env != null && !env.isBlank() ? Path.of(env) : Path.of("..", "shared");
        return root.resolve("data/semeval2017-task4");
    }
}
