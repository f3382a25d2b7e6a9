package io.trendwatch.batch.topics;

import io.trendwatch.batch.NotEnoughDataException;
import org.apache.spark.ml.clustering.LDA;
import org.apache.spark.ml.clustering.LDAModel;
import org.apache.spark.ml.feature.CountVectorizer;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.stat.Summarizer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * Topics of a set of posts with Spark MLlib: the shared tokenizer's terms
 * ({@link TopicTerms}), a count vocabulary, then LDA. A topic's share is the
 * mean of the posts' topic distributions, so the shares of a day sum to one.
 * The fit reads a bounded sample of the posts; the shares read all of them.
 */
public final class TopicModeling {

    /** One topic: its top terms with their weights, and its share of the posts. */
    public record Topic(int topic, List<String> terms, List<Double> weights, double share) implements java.io.Serializable {
    }

    /**
     * What a fit produced.
     *
     * @param documents the documents with a term of the vocabulary, whose topic mixes give the shares
     * @param sampled   those of them the vocabulary and LDA were fitted on
     */
    public record Fitted(CountVectorizerModel vocabulary, LDAModel lda, List<Topic> topics, double logPerplexity,
                         long documents, long sampled) {
    }

    private static final long SAMPLE_BUCKETS = 1L << 20;
    private static final int PERPLEXITY_DOCUMENTS = 5_000;
    private static final int FIT_SALT = 0;
    private static final int PERPLEXITY_SALT = 1;

    private static final UserDefinedFunction TERMS = udf((UDF1<String, List<String>>) TopicTerms::of,
            DataTypes.createArrayType(DataTypes.StringType));

    private TopicModeling() {
    }

    /** Posts (columns id and text) as documents: id and terms, posts without a single term dropped. */
    public static Dataset<Row> documents(Dataset<Row> posts) {
        return posts.select(col("id"), TERMS.apply(col("text")).as("terms")).filter(size(col("terms")).gt(0));
    }

    /**
     * Fits the vocabulary and LDA on at most {@link TopicParams#sample()} documents (all of them when there are
     * fewer), then reads every document's topic mix: a topic's share is the mean over all documents, so the cost of
     * the fit stays bounded as the day grows and only the assignment pass grows with it. The log perplexity is that
     * of at most 5,000 of the sampled documents.
     */
    public static Fitted fit(Dataset<Row> documents, TopicParams p) {
        Dataset<Row> sample = sample(documents, documents.count(), p.sample(), FIT_SALT);
        CountVectorizerModel vocabulary = new CountVectorizer().setInputCol("terms").setOutputCol("features")
                .setVocabSize(p.vocab()).setMinDF(p.minDf()).fit(sample);
        if (vocabulary.vocabulary().length < p.k()) {
            throw new NotEnoughDataException("only " + vocabulary.vocabulary().length + " terms occur in at least "
                    + p.minDf() + " posts: too few for " + p.k() + " topics (lower --min-df or --k)");
        }
        Dataset<Row> vectors = nonEmpty(vocabulary.transform(sample)).cache();
        try {
            long sampled = vectors.count();
            LDAModel lda = new LDA().setK(p.k()).setMaxIter(p.maxIter()).setSeed(p.seed()).setOptimizer("online")
                    .setFeaturesCol("features").fit(vectors);
            // the bound costs about ten times the inference per post: a fixed part of the sample tells as much
            double logPerplexity = lda.logPerplexity(sample(vectors, sampled, PERPLEXITY_DOCUMENTS, PERPLEXITY_SALT));
            // the inference starts from the same seed for every post, so equal bags of terms get equal mixes:
            // each distinct bag is inferred once and weighted by its posts (reposts and shared texts are many)
            Dataset<Row> bags = documents.groupBy(array_sort(col("terms")).as("terms")).agg(count(lit(1)).as("posts"));
            Row mix = lda.transform(nonEmpty(vocabulary.transform(bags)))
                    .agg(Summarizer.mean(col("topicDistribution"), col("posts").cast("double")), sum(col("posts")))
                    .first();
            Vector shares = mix.getAs(0);
            String[] vocab = vocabulary.vocabulary();
            List<Topic> topics = new ArrayList<>();
            for (Row r : lda.describeTopics(p.topTerms()).collectAsList()) {
                int topic = r.getInt(0);
                List<Integer> indices = r.getList(1);
                List<Double> weights = r.getList(2);
                topics.add(new Topic(topic, indices.stream().map(i -> vocab[i]).toList(), List.copyOf(weights),
                        shares.apply(topic)));
            }
            return new Fitted(vocabulary, lda, topics, logPerplexity, mix.getLong(1), sampled);
        } finally {
            vectors.unpersist();
        }
    }

    /**
     * At most about {@code limit} of the {@code total} documents, chosen by a hash of the id and {@code salt}: the
     * same documents whatever the partitioning, so a rerun on the same day fits the same posts. A sample of a
     * sample takes another salt (with the same one it would keep every document).
     */
    static Dataset<Row> sample(Dataset<Row> documents, long total, int limit, int salt) {
        if (total <= limit) {
            return documents;
        }
        long keep = (long) Math.ceil((double) limit / total * SAMPLE_BUCKETS);
        return documents.filter(pmod(xxhash64(col("id"), lit(salt)), lit(SAMPLE_BUCKETS)).lt(keep));
    }

    /** Each document's most likely topic: columns id and topic. */
    public static Dataset<Row> assignments(Fitted fitted, Dataset<Row> documents) {
        Column distribution = org.apache.spark.ml.functions.vector_to_array(col("topicDistribution"), "float64");
        return fitted.lda().transform(nonEmpty(fitted.vocabulary().transform(documents)))
                .select(col("id"), array_position(distribution, array_max(distribution)).minus(1).cast("int").as("topic"));
    }

    private static Dataset<Row> nonEmpty(Dataset<Row> vectors) {
        Column counts = org.apache.spark.ml.functions.vector_to_array(col("features"), "float64");
        return vectors.filter(exists(counts, x -> x.gt(0)));
    }
}
