package io.trendwatch.core.generate;

import io.trendwatch.core.post.Post;
import io.trendwatch.core.source.Snowflake;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A reproducible stream of realistic posts: real texts, Zipf-distributed
 * hashtags, a daily cycle and injected bursts. Everything is drawn from one
 * seeded generator, second by second, so the same spec and corpus give the
 * same posts, byte for byte.
 */
public final class StreamGenerator {

    /** Receives each second's posts in time order. */
    @FunctionalInterface
    public interface SecondSink {
        void accept(Instant secondStart, List<Post> posts) throws Exception;
    }

    private static final double[] TAGS_PER_POST = {0.5, 0.35, 0.15}; // P(0), P(1), P(2) extra hashtags
    private static final int AUTHORS = 20_000;
    private static final int WORKER_ID = 1023;

    private final GeneratorSpec spec;
    private final Corpus corpus;
    private final List<String> vocabulary;
    private final Zipf tagZipf;
    private final Zipf authorZipf;
    private final List<InjectedBurst> bursts;

    public StreamGenerator(GeneratorSpec spec, Corpus corpus) {
        this(spec, corpus, List.of());
    }

    /**
     * With bursts of new terms as well (see {@link #newTermBurst}): terms that appear in no post
     * outside their burst, as most real trends do.
     */
    public StreamGenerator(GeneratorSpec spec, Corpus corpus, List<InjectedBurst> newTermBursts) {
        this.spec = spec;
        this.corpus = corpus;
        this.vocabulary = vocabulary(corpus, spec.vocabularySize());
        this.tagZipf = new Zipf(vocabulary.size(), spec.zipfExponent());
        this.authorZipf = new Zipf(AUTHORS, 1.0);
        List<InjectedBurst> all = new ArrayList<>(planBursts());
        for (InjectedBurst b : newTermBursts) {
            if (b.basePerMinute() != 0 || vocabulary.contains(b.term())) {
                throw new IllegalArgumentException("a new-term burst's term must not be in the vocabulary: " + b.term());
            }
            all.add(b);
        }
        all.sort(Comparator.comparing(InjectedBurst::start).thenComparing(InjectedBurst::term));
        this.bursts = List.copyOf(all);
    }

    /**
     * A burst of a term absent outside it, {@code size} times as frequent as the stream's average
     * hashtag (all hashtag occurrences over the vocabulary, at the stream's mean rate).
     */
    public static InjectedBurst newTermBurst(GeneratorSpec spec, String term, Instant start, Duration length, double size) {
        double perMinute = size * meanTagsPerPost() * spec.ratePerSecond() * 60 / spec.vocabularySize();
        return new InjectedBurst(term, start, start.plus(length), size, 0, perMinute);
    }

    private static double meanTagsPerPost() {
        return TAGS_PER_POST[1] + 2 * TAGS_PER_POST[2];
    }

    /** The bursts this stream will contain (the ground truth). */
    public List<InjectedBurst> bursts() {
        return bursts;
    }

    public List<String> vocabulary() {
        return vocabulary;
    }

    /** Expected probability that a post carries the tag at {@code rank}, outside bursts. */
    public double baseProbability(int rank) {
        return meanTagsPerPost() * tagZipf.probability(rank);
    }

    public void generate(SecondSink sink) throws Exception {
        SplittableRandom random = new SplittableRandom(spec.seed());
        long seconds = Math.max(1, spec.duration().toSeconds());
        Instant start = spec.start();
        for (long s = 0; s < seconds; s++) {
            Instant second = start.plusSeconds(s);
            int n = poisson(random, spec.ratePerSecond() * dailyFactor(second));
            long[] offsets = new long[n];
            for (int i = 0; i < n; i++) {
                offsets[i] = random.nextLong(1000);
            }
            java.util.Arrays.sort(offsets);
            List<Post> posts = new ArrayList<>(n);
            int seq = 0;
            long lastMillis = -1;
            for (int i = 0; i < n; i++) {
                Instant at = second.plusMillis(offsets[i]);
                seq = at.toEpochMilli() == lastMillis ? seq + 1 : 0;
                lastMillis = at.toEpochMilli();
                posts.add(post(random, at, seq));
            }
            sink.accept(second, posts);
        }
    }

    private Post post(SplittableRandom random, Instant at, int seq) {
        StringBuilder text = new StringBuilder(corpus.texts().get(random.nextInt(corpus.texts().size())));
        double u = random.nextDouble();
        int tags = u < TAGS_PER_POST[0] ? 0 : u < TAGS_PER_POST[0] + TAGS_PER_POST[1] ? 1 : 2;
        for (int t = 0; t < tags; t++) {
            text.append(' ').append(vocabulary.get(tagZipf.sample(random)));
        }
        for (InjectedBurst b : bursts) {
            if (!at.isBefore(b.start()) && at.isBefore(b.end())) {
                double extra = b.basePerMinute() == 0 ? b.burstPerMinute() / 60.0 / spec.ratePerSecond()
                        : b.basePerMinute() / 60.0 / spec.ratePerSecond() * (b.factor() - 1);
                if (random.nextDouble() < extra) {
                    text.append(' ').append(b.term());
                }
            }
        }
        long id = (Snowflake.idAt(at, 0)) | ((long) WORKER_ID << 12) | (seq & 0xFFF);
        String author = "user" + authorZipf.sample(random);
        return Post.ofText(Long.toString(id), "synthetic", author, text.toString(), "en", at);
    }

    /** Burst terms come from the middle of the vocabulary: common enough to have a baseline, rare enough to stand out. */
    private List<InjectedBurst> planBursts() {
        SplittableRandom random = new SplittableRandom(spec.seed() ^ 0x5DEECE66DL);
        List<InjectedBurst> planned = new ArrayList<>();
        int lo = Math.min(vocabulary.size() - 1, 20);
        int hi = Math.min(vocabulary.size(), 200);
        long total = spec.duration().toSeconds();
        long length = Math.min(spec.burstLength().toSeconds(), Math.max(1, total / 4));
        List<Integer> used = new ArrayList<>();
        for (int b = 0; b < spec.bursts() && used.size() < hi - lo; b++) {
            int rank;
            do {
                rank = lo + random.nextInt(Math.max(1, hi - lo));
            } while (used.contains(rank));
            used.add(rank);
            long earliest = total / 10;
            long latest = Math.max(earliest + 1, total - length - total / 10);
            long offset = earliest + random.nextLong(latest - earliest);
            Instant from = spec.start().plusSeconds(offset);
            double basePerMinute = baseProbability(rank) * spec.ratePerSecond() * 60;
            planned.add(new InjectedBurst(vocabulary.get(rank), from, from.plusSeconds(length),
                    spec.burstFactor(), basePerMinute, basePerMinute * spec.burstFactor()));
        }
        planned.sort(Comparator.comparing(InjectedBurst::start).thenComparing(InjectedBurst::term));
        return List.copyOf(planned);
    }

    private double dailyFactor(Instant t) {
        double hour = t.atOffset(ZoneOffset.UTC).toLocalTime().toSecondOfDay() / 3600.0;
        return 1 + spec.dailyAmplitude() * Math.cos(2 * Math.PI * (hour - 18) / 24);
    }

    static int poisson(SplittableRandom random, double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda > 30) {
            return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * random.nextGaussian()));
        }
        double l = Math.exp(-lambda);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k - 1;
    }

    private static List<String> vocabulary(Corpus corpus, int size) {
        List<String> tags = new ArrayList<>(corpus.hashtagsByFrequency().subList(0,
                Math.min(size, corpus.hashtagsByFrequency().size())));
        for (int i = 0; tags.size() < size; i++) {
            String synthetic = "#topic" + i;
            if (!tags.contains(synthetic)) {
                tags.add(synthetic);
            }
        }
        return List.copyOf(tags);
    }

    public Duration duration() {
        return spec.duration();
    }
}
