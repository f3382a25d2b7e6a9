package io.trendwatch.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared real data the tests read ({@code $TRENDWATCH_SHARED_DIR}, else {@code ../shared}). */
public final class SharedData {

    private SharedData() {
    }

    public static Path root() {
        String env = System.getenv("TRENDWATCH_SHARED_DIR");
        Path root = env != null && !env.isBlank() ? Path.of(env) : Path.of("..", "..", "shared");
        if (!Files.isDirectory(root.resolve("data/semeval2017-task4"))) {
            throw new IllegalStateException("shared data not found under " + root.toAbsolutePath()
                    + "; the repository expects ../shared beside it (or TRENDWATCH_SHARED_DIR)");
        }
        return root;
    }

    public static Path subtaskA() {
        return root().resolve("data/semeval2017-task4/subtask-a");
    }

    public static Path subtaskBD() {
        return root().resolve("data/semeval2017-task4/subtask-bd");
    }

    /** The .tsv files of a folder in name order. */
    public static List<Path> tsvFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".tsv")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Non-blank lines of the files, counted independently of the project's readers. */
    public static long countNonBlankLines(List<Path> files) {
        long n = 0;
        for (Path f : files) {
            try {
                String all = Files.readString(f);
                for (String line : all.split("\n", -1)) {
                    if (!line.isBlank()) {
                        n++;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return n;
    }

    /** The line of a SemEval file whose id field is {@code id}. */
    public static String lineWithId(Path dir, String id) {
        for (Path f : tsvFiles(dir)) {
            try (Stream<String> lines = Files.lines(f)) {
                var hit = lines.filter(l -> l.startsWith(id + "\t")).findFirst();
                if (hit.isPresent()) {
                    return hit.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no tweet " + id + " in " + dir);
    }
}
