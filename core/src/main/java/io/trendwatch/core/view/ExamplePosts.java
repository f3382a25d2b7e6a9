package io.trendwatch.core.view;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Which posts the views keep as a term's examples, in both layers. Each post has a rank, a hash of its id alone, so
 * every layer, replay and rerun gives a post the same rank. A post is eligible when its rank falls in the lowest
 * {@code 1/}{@value #ONE_IN} of the range; a term's example of a minute is its eligible post of that minute with the
 * smallest (rank, id), and the examples of a window are the {@code k} smallest of its minutes' examples. Ranks are
 * independent of the text, so the examples of a window are a uniform sample of the posts that name the term (at most
 * one a minute), which is what makes the terms found beside it in them an estimate of its companions in all its
 * posts. Minutes without an eligible post have no example: one post in {@value #ONE_IN} is eligible, so a term's busy
 * minutes almost always have one and its quiet ones mostly not, which keeps the rows written to about one in
 * {@value #ONE_IN} of the (minute, term) counts.
 */
public final class ExamplePosts {

    /** One post in this many is eligible to be an example. */
    public static final int ONE_IN = 16;
    /** Ranks of eligible posts are below this. */
    static final long ELIGIBLE_BELOW = Long.MAX_VALUE / ONE_IN;

    /** The smallest (rank, id) first: a Spark {@code min} over a struct of (rank, id, …) orders the same way. */
    public static final Comparator<Example> ORDER = Comparator.comparingLong(Example::rank).thenComparing(Example::id);

    private ExamplePosts() {
    }

    /**
     * A kept example post of a term.
     *
     * @param sentiment the label the layer gave the post ({@code positive}, …, {@code unscored})
     */
    public record Example(long rank, String id, Instant createdAt, String text, String sentiment) {
    }

    /** The post's rank: a non-negative 63-bit hash of its id's UTF-8 bytes (FNV-1a, then a 64-bit finalizer). */
    public static long rank(String postId) {
        long h = 0xcbf29ce484222325L;
        for (byte b : postId.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        // FNV alone leaves ids that differ in their last characters close together; the finalizer spreads them
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h >>> 1;
    }

    public static boolean eligible(long rank) {
        return rank < ELIGIBLE_BELOW;
    }

    /** The {@code k} examples with the smallest (rank, id), in that order. */
    public static List<Example> smallest(Collection<Example> examples, int k) {
        return examples.stream().sorted(ORDER).limit(k).toList();
    }
}
