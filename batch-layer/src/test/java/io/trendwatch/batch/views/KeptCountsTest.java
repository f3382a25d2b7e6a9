package io.trendwatch.batch.views;

import io.trendwatch.batch.TestSpark;
import io.trendwatch.core.text.PostTerms;
import io.trendwatch.core.text.TermKind;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.core.view.ViewPolicy;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Spark column keeps exactly the rows {@link ViewPolicy#keeps} keeps, at every step. */
class KeptCountsTest {

    private static final StructType ROWS = new StructType()
            .add("kind", DataTypes.StringType, false)
            .add("posts", DataTypes.LongType, false);

    @Test
    void theColumnKeepsWhatThePolicyKeeps() {
        // a minimum per step that differs from the default and from each other, so a step mixed up shows
        ViewPolicy policy = new ViewPolicy(4, 2, 7);
        List<Row> rows = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        for (TermKind k : TermKind.values()) {
            kinds.add(k.label());
        }
        kinds.add(PostTerms.TOTAL_KIND);
        for (String kind : kinds) {
            for (long posts = 1; posts <= 8; posts++) {
                rows.add(RowFactory.create(kind, posts));
            }
        }
        Dataset<Row> counts = TestSpark.session().createDataFrame(rows, ROWS);
        for (Granularity step : Granularity.values()) {
            Set<String> expected = new HashSet<>();
            for (Row r : rows) {
                if (policy.keeps(r.getString(0), step, r.getLong(1))) {
                    expected.add(r.getString(0) + "/" + r.getLong(1));
                }
            }
            Set<String> kept = new HashSet<>();
            for (Row r : counts.filter(KeptCounts.at(policy, step)).collectAsList()) {
                kept.add(r.getString(0) + "/" + r.getLong(1));
            }
            assertEquals(expected, kept, step.label());
            assertEquals(rows.size() - (policy.wordMinPosts(step) - 1), kept.size(), step.label());
        }
    }
}
