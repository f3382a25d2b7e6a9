package io.trendwatch.bench;

import io.trendwatch.core.post.ParseResult;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.post.PostCodec;
import io.trendwatch.core.source.PostFileReader;
import io.trendwatch.core.source.PostFormat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The real tweets of subtask A, as posts ($TRENDWATCH_SHARED_DIR, else ../shared). */
final class SemEvalCorpus {

    private SemEvalCorpus() {
    }

    static List<Post> posts() throws IOException {
        String env = System.getenv("TRENDWATCH_SHARED_DIR");
        Path dir = Path.of(env != null ? env : "../shared").resolve("data/semeval2017-task4/subtask-a");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".tsv")).sorted().toList();
        }
        List<Post> posts = new ArrayList<>();
        PostFileReader reader = new PostFileReader(new PostCodec());
        for (Path f : files) {
            reader.read(f, PostFormat.SEMEVAL, r -> {
                if (r.result() instanceof ParseResult.Accepted a) {
                    posts.add(a.post());
                }
            });
        }
        return posts;
    }
}
