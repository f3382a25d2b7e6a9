package io.trendwatch.model.sentiment;

/**
 * How a text becomes hashed feature ids; stored with the model, because a
 * model only understands the features it was trained on.
 *
 * @param buckets     size of the hashed feature table (id 0 is padding)
 * @param bigrams     whether adjacent token pairs are features (they carry "not good")
 * @param charMin     shortest character n-gram of a word (0 = none)
 * @param charMax     longest character n-gram of a word
 * @param maxFeatures features kept per text (the rest are dropped)
 * @param cues        whether the lexicon, negation and emphasis cues of {@link SentimentCues} are features too
 *                    (absent from the cards of models trained before them: false)
 */
public record FeatureSpec(int buckets, boolean bigrams, int charMin, int charMax, int maxFeatures, boolean cues) {

    public static final int BUCKETS = 1 << 17;
    public static final FeatureSpec DEFAULT = new FeatureSpec(BUCKETS, true, 3, 5, 256, true);

    public FeatureSpec(int buckets, boolean bigrams, int charMin, int charMax, int maxFeatures) {
        this(buckets, bigrams, charMin, charMax, maxFeatures, false);
    }

    public FeatureSpec {
        if (buckets < 2) {
            throw new IllegalArgumentException("buckets must be at least 2, was " + buckets);
        }
        if (charMin < 0 || (charMin > 0 && charMax < charMin)) {
            throw new IllegalArgumentException("char n-gram range " + charMin + ".." + charMax + " is empty");
        }
        if (maxFeatures < 1) {
            throw new IllegalArgumentException("maxFeatures must be positive, was " + maxFeatures);
        }
    }
}
