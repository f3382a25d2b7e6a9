package io.trendwatch.bench;

import io.trendwatch.core.generate.Corpus;
import io.trendwatch.core.generate.GeneratorSpec;
import io.trendwatch.core.generate.StreamGenerator;
import io.trendwatch.core.post.ParseResult;
import io.trendwatch.core.post.PostCodec;
import io.trendwatch.core.text.PostTerms;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The ceiling of the shared hot path both layers run per post: decode the wire
 * format and extract the distinct countable terms. Input: 10,000 generated
 * posts built from the real SemEval texts. Score unit: posts per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseTokenizeBenchmark {

    private static final int POSTS = 10_000;
    private final PostCodec codec = new PostCodec();
    private List<byte[]> records;

    @Setup
    public void load() throws Exception {
        Corpus corpus = Corpus.of(SemEvalCorpus.posts());
        List<byte[]> out = new ArrayList<>();
        new StreamGenerator(GeneratorSpec.of(POSTS / 60.0, Duration.ofMinutes(1), Instant.parse("2016-11-25T12:00:00Z"), 1), corpus)
                .generate((second, posts) -> posts.forEach(p -> out.add(codec.encode(p))));
        records = out;
    }

    @Benchmark
    @OperationsPerInvocation(POSTS)
    public void parseOnly(Blackhole bh) {
        for (byte[] r : records) {
            bh.consume(codec.parse(r));
        }
    }

    @Benchmark
    @OperationsPerInvocation(POSTS)
    public void parseAndTokenize(Blackhole bh) {
        for (byte[] r : records) {
            if (codec.parse(r) instanceof ParseResult.Accepted a) {
                bh.consume(PostTerms.of(a.post()));
            }
        }
    }
}
