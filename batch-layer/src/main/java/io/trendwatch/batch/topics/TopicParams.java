package io.trendwatch.batch.topics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of the topic model: topics, vocabulary limits, iterations.
 *
 * @param k        number of topics
 * @param vocab    most frequent terms kept
 * @param minDf    a term must occur in at least this many posts
 * @param maxIter  LDA iterations (online variational Bayes)
 * @param topTerms terms listed per topic
 * @param sample   most posts the vocabulary and the topics are fitted on (a sample chosen by a hash of the post's
 *                 id, so a rerun fits the same posts); every post is then assigned its topic mix for the shares
 */
public record TopicParams(int k, int vocab, int minDf, int maxIter, int topTerms, long seed, int sample) {

    public static final TopicParams DEFAULT = new TopicParams(10, 5000, 3, 30, 10, 42, 50_000);

    public TopicParams {
        if (k < 2 || vocab < k || minDf < 1 || maxIter < 1 || topTerms < 1 || sample < k) {
            throw new IllegalArgumentException("k >= 2, vocab >= k, min-df >= 1, max-iter >= 1, top terms >= 1, "
                    + "sample >= k");
        }
    }

    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("algorithm", "Spark MLlib LDA (online)");
        m.put("k", Integer.toString(k));
        m.put("vocab", Integer.toString(vocab));
        m.put("min_df", Integer.toString(minDf));
        m.put("max_iter", Integer.toString(maxIter));
        m.put("seed", Long.toString(seed));
        m.put("sample", Integer.toString(sample));
        return m;
    }
}
