package io.trendwatch.bench;

import io.trendwatch.core.post.Post;
import io.trendwatch.core.source.SemEvalFolder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The real tweets of subtask A, as posts ($TRENDWATCH_SHARED_DIR, else ../shared). */
final class SemEvalCorpus {

    private SemEvalCorpus() {
    }

    static List<Post> posts() throws IOException {
        String env = System.getenv("TRENDWATCH_SHARED_DIR");
        return SemEvalFolder.posts(Path.of(env != null ? env : "../shared").resolve("data/semeval2017-task4/subtask-a"));
    }
}
