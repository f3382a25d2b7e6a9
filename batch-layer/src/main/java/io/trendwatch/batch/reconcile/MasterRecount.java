package io.trendwatch.batch.reconcile;

import io.trendwatch.batch.master.PostRows;
import io.trendwatch.core.text.PostTerms;
import io.trendwatch.core.text.Term;
import io.trendwatch.core.time.Granularity;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.sum;

/**
 * Counts terms per bucket straight from the master dataset's posts, with the
 * shared tokenizer and counting rule (distinct posts per bucket), and none of
 * the batch layer's view code: the reference a reconcile compares answers with.
 */
public final class MasterRecount {

    private static final StructType PAIR = new StructType()
            .add("term", DataTypes.StringType, false)
            .add("bucket", DataTypes.TimestampType, false);

    private MasterRecount() {
    }

    /** Per (term, bucket of {@code step}): the number of posts containing the term; only {@code terms} when not empty. */
    public static Dataset<Row> counts(Dataset<Row> posts, Granularity step, Set<String> terms) {
        Set<String> wanted = Set.copyOf(terms);
        return posts.flatMap((FlatMapFunction<Row, Row>) r -> {
                    var post = PostRows.toPost(r);
                    Timestamp bucket = Timestamp.from(step.bucketStart(post.createdAt()));
                    List<Row> out = new ArrayList<>();
                    for (Term t : PostTerms.of(post)) {
                        if (wanted.isEmpty() || wanted.contains(t.text())) {
                            out.add(RowFactory.create(t.text(), bucket));
                        }
                    }
                    return out.iterator();
                }, Encoders.row(PAIR))
                .groupBy("term", "bucket").count();
    }

    /** The {@code n} terms in most posts of the counts, most first (ties by term). */
    public static List<String> top(Dataset<Row> counts, int n) {
        List<String> out = new ArrayList<>();
        for (Row r : counts.groupBy("term").agg(sum("count").as("posts"))
                .orderBy(desc("posts"), col("term")).limit(n).collectAsList()) {
            out.add(r.getString(0));
        }
        return out;
    }

    /** The counts of {@code terms}, collected: term → bucket → posts (every term present, maybe empty). */
    public static Map<String, Map<Instant, Long>> collect(Dataset<Row> counts, List<String> terms) {
        Map<String, Map<Instant, Long>> out = new HashMap<>();
        terms.forEach(t -> out.put(t, new TreeMap<>()));
        Set<String> wanted = new LinkedHashSet<>(terms);
        for (Row r : counts.filter(col("term").isin(wanted.toArray())).collectAsList()) {
            out.get(r.getString(0)).put(((Timestamp) r.get(1)).toInstant(), r.getLong(2));
        }
        return out;
    }
}
