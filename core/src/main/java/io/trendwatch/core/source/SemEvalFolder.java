package io.trendwatch.core.source;

import io.trendwatch.core.post.ParseResult;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.post.PostCodec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Every post of a folder of SemEval TSV files, the files in name order (so the result is reproducible). */
public final class SemEvalFolder {

    private SemEvalFolder() {
    }

    public static List<Post> posts(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("folder " + dir + " not found; pass --corpus or set TRENDWATCH_SHARED_DIR");
        }
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
