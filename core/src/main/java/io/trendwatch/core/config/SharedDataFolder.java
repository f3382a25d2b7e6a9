package io.trendwatch.core.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the commands find the shared real data by default (the SemEval-2017 tweets): {@code $TRENDWATCH_SHARED_DIR},
 * else {@code ../shared} beside the checkout the commands run from.
 */
public final class SharedDataFolder {

    private SharedDataFolder() {
    }

    public static Path root(Map<String, String> env) {
        String dir = env.get("TRENDWATCH_SHARED_DIR");
        return dir != null && !dir.isBlank() ? Path.of(dir) : Path.of("..", "shared");
    }

    /** The tweets with a sentiment label per tweet (subtask A). */
    public static Path semEvalSubtaskA() {
        return root(System.getenv()).resolve("data/semeval2017-task4/subtask-a");
    }

    /** The topic-labelled tweets of subtasks B and D. */
    public static Path semEvalSubtaskBd() {
        return root(System.getenv()).resolve("data/semeval2017-task4/subtask-bd");
    }
}
