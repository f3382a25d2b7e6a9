package io.trendwatch.core.generate;

import io.trendwatch.core.post.Post;
import io.trendwatch.core.post.PostCodec;
import io.trendwatch.core.text.PostTerms;
import io.trendwatch.core.text.Term;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StreamGeneratorTest {

    private static Corpus corpus;
    private static final Instant START = Instant.parse("2016-11-25T00:00:00Z");

    @BeforeAll
    static void corpusFromRealTweets() throws Exception {
        corpus = Corpus.of(io.trendwatch.core.source.SemEvalFolder.posts(io.trendwatch.core.testing.SharedData.subtaskA()));
    }

    private static byte[] render(GeneratorSpec spec) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PostCodec codec = new PostCodec();
        new StreamGenerator(spec, corpus).generate((second, posts) -> {
            for (Post p : posts) {
                out.write(codec.encode(p));
                out.write('\n');
            }
        });
        return out.toByteArray();
    }

    @Test
    void sameSeedAndStartGiveTheSameBytes() throws Exception {
        GeneratorSpec spec = GeneratorSpec.of(20, Duration.ofMinutes(3), START, 42);
        byte[] a = render(spec);
        assertThat(a).isEqualTo(render(spec));
        assertThat(a).isNotEqualTo(render(GeneratorSpec.of(20, Duration.ofMinutes(3), START, 43)));
        assertThat(new StreamGenerator(spec, corpus).bursts()).isEqualTo(new StreamGenerator(spec, corpus).bursts());
    }

    @Test
    void postsAreRealTextsInTimeOrderWithUniqueIds() throws Exception {
        GeneratorSpec spec = GeneratorSpec.of(30, Duration.ofMinutes(5), START, 1);
        Set<String> texts = new HashSet<>(corpus.texts());
        Set<String> ids = new HashSet<>();
        List<Instant> times = new ArrayList<>();
        new StreamGenerator(spec, corpus).generate((second, posts) -> {
            for (Post p : posts) {
                assertThat(ids.add(p.id())).as("unique id").isTrue();
                times.add(p.createdAt());
                assertThat(isRealTextWithAppendedTags(p.text(), texts)).as(p.text()).isTrue();
            }
        });
        assertThat(times).isSorted();
        assertThat(times.get(0)).isAfterOrEqualTo(START);
        assertThat(times.get(times.size() - 1)).isBefore(START.plus(Duration.ofMinutes(5)));
        // Poisson(30/s × 300 s) lies within ±5 % with overwhelming probability
        assertThat(times.size()).isBetween(8_550, 9_450);
    }

    /** The text, less zero to three appended hashtags, is one of the corpus texts. */
    private static boolean isRealTextWithAppendedTags(String text, Set<String> texts) {
        String t = text;
        for (int appended = 0; appended <= 3; appended++) {
            if (texts.contains(t)) {
                return true;
            }
            int cut = t.lastIndexOf(" #");
            if (cut < 0) {
                return false;
            }
            t = t.substring(0, cut);
        }
        return false;
    }

    @Test
    void burstTermsRiseByTheirFactorInTheirWindowOnly() throws Exception {
        GeneratorSpec spec = GeneratorSpec.of(100, Duration.ofHours(2), START, 9)
                .withBursts(2, 10, Duration.ofMinutes(15));
        StreamGenerator gen = new StreamGenerator(spec, corpus);
        List<InjectedBurst> bursts = gen.bursts();
        assertThat(bursts).hasSize(2);
        long[] inside = new long[2];
        long[] outside = new long[2];
        gen.generate((second, posts) -> {
            for (Post p : posts) {
                Set<Term> terms = PostTerms.of(p);
                for (int b = 0; b < 2; b++) {
                    InjectedBurst burst = bursts.get(b);
                    if (terms.contains(Term.hashtag(burst.term()))) {
                        boolean in = !p.createdAt().isBefore(burst.start()) && p.createdAt().isBefore(burst.end());
                        if (in) {
                            inside[b]++;
                        } else {
                            outside[b]++;
                        }
                    }
                }
            }
        });
        for (int b = 0; b < 2; b++) {
            double insideRate = inside[b] / 15.0;
            double outsideRate = outside[b] / 105.0;
            assertThat(insideRate / outsideRate).as(bursts.get(b).term()).isBetween(5.0, 20.0);
        }
    }
}
