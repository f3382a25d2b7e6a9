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
 */
public record TopicParams(int k, int vocab, int minDf, int maxIter, int topTerms, long seed) {

    public static final TopicParams DEFAULT = new TopicParams(10, 5000, 3, 30, 10, 42);

    public TopicParams {
        if (k < 2 || vocab < k || minDf < 1 || maxIter < 1 || topTerms < 1) {
            throw new IllegalArgumentException("k >= 2, vocab >= k, min-df >= 1, max-iter >= 1, top terms >= 1");
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
        return m;
    }
}
