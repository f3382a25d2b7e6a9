package io.trendwatch.serving.merge;

/** Posts in a bucket and their sentiment split; additive. */
public record Counts(long posts, long positive, long neutral, long negative, long unscored) {

    public static final Counts ZERO = new Counts(0, 0, 0, 0, 0);

    public Counts plus(Counts o) {
        return new Counts(posts + o.posts, positive + o.positive, neutral + o.neutral, negative + o.negative,
                unscored + o.unscored);
    }
}
