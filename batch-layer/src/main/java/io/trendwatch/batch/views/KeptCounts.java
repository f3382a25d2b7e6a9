package io.trendwatch.batch.views;

import io.trendwatch.core.text.TermKind;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.core.view.ViewPolicy;
import org.apache.spark.sql.Column;

import static org.apache.spark.sql.functions.col;

/**
 * {@link ViewPolicy#keeps} as a Spark column over rows that hold {@code kind} and {@code posts}: the one place the
 * word minimum is written in Spark, tested against the predicate it stands for.
 */
public final class KeptCounts {

    private KeptCounts() {
    }

    public static Column at(ViewPolicy policy, Granularity step) {
        return col("kind").notEqual(TermKind.WORD.label()).or(col("posts").geq(policy.wordMinPosts(step)));
    }
}
