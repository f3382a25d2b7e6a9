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
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.udf;

/**
 * Topics of a set of posts with Spark MLlib: the shared tokenizer's terms
 * ({@link TopicTerms}), a count vocabulary, then LDA. A topic's share is the
 * mean of the posts' topic distributions, so the shares of a day sum to one.
 */
public final class TopicModeling {

    /** One topic: its top terms with their weights, and its share of the posts. */
    public record Topic(int topic, List<String> terms, List<Double> weights, double share) implements java.io.Serializable {
    }

    /** What a fit produced. */
    public record Fitted(CountVectorizerModel vocabulary, LDAModel lda, List<Topic> topics, double logPerplexity,
                         long documents) {
    }

    private static final UserDefinedFunction TERMS = udf((UDF1<String, List<String>>) TopicTerms::of,
            DataTypes.createArrayType(DataTypes.StringType));

    private TopicModeling() {
    }

    /** Posts (columns id and text) as documents: id and terms, posts without a single term dropped. */
    public static Dataset<Row> documents(Dataset<Row> posts) {
        return posts.select(col("id"), TERMS.apply(col("text")).as("terms")).filter(size(col("terms")).gt(0));
    }

    public static Fitted fit(Dataset<Row> documents, TopicParams p) {
        CountVectorizerModel vocabulary = new CountVectorizer().setInputCol("terms").setOutputCol("features")
                .setVocabSize(p.vocab()).setMinDF(p.minDf()).fit(documents);
        if (vocabulary.vocabulary().length < p.k()) {
            throw new NotEnoughDataException("only " + vocabulary.vocabulary().length + " terms occur in at least "
                    + p.minDf() + " posts: too few for " + p.k() + " topics (lower --min-df or --k)");
        }
        Dataset<Row> vectors = nonEmpty(vocabulary.transform(documents)).cache();
        try {
            long n = vectors.count();
            LDAModel lda = new LDA().setK(p.k()).setMaxIter(p.maxIter()).setSeed(p.seed()).setOptimizer("online")
                    .setFeaturesCol("features").fit(vectors);
            Dataset<Row> distributions = lda.transform(vectors);
            Vector shares = distributions.select(Summarizer.mean(col("topicDistribution"))).first().getAs(0);
            String[] vocab = vocabulary.vocabulary();
            List<Topic> topics = new ArrayList<>();
            for (Row r : lda.describeTopics(p.topTerms()).collectAsList()) {
                int topic = r.getInt(0);
                List<Integer> indices = r.getList(1);
                List<Double> weights = r.getList(2);
                topics.add(new Topic(topic, indices.stream().map(i -> vocab[i]).toList(), List.copyOf(weights),
                        shares.apply(topic)));
            }
            return new Fitted(vocabulary, lda, topics, lda.logPerplexity(vectors), n);
        } finally {
            vectors.unpersist();
        }
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
