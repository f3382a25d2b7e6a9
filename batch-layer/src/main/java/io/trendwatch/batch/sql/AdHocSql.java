package io.trendwatch.batch.sql;

import io.trendwatch.batch.master.MasterDataset;
import io.trendwatch.core.text.PostTerms;
import io.trendwatch.core.text.Term;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * Spark SQL over the master dataset for questions the API does not answer. The table {@code posts} is every accepted
 * post (id, platform, author, text, language, created_at, hashtags, mentions, urls, source, date); the function
 * {@code terms(text)} gives a text's terms as the views count them (the shared tokenizer, each term once). It reads
 * the dataset only: a statement that would write is refused.
 */
public final class AdHocSql {

    private final SparkSession spark;

    public AdHocSql(SparkSession spark, MasterDataset master) throws IOException {
        this.spark = spark;
        requireData(master);
        spark.read().parquet(master.root().toString()).createOrReplaceTempView("posts");
        spark.udf().register("terms", (UDF1<String, List<String>>) AdHocSql::terms,
                DataTypes.createArrayType(DataTypes.StringType, false));
    }

    /** Fails with what to do when there is no master dataset, before anything starts Spark. */
    public static void requireData(MasterDataset master) throws IOException {
        if (!Files.isDirectory(master.root()) || master.dates().isEmpty()) {
            throw new IllegalArgumentException("no master dataset at " + master.root()
                    + ": archive or import posts first (trendwatch batch archive, trendwatch batch import), or pass --master-dir");
        }
    }

    public static List<String> terms(String text) {
        return PostTerms.ofText(text).stream().map(Term::text).toList();
    }

    /** One statement; only queries (SELECT, WITH, SHOW, DESCRIBE, EXPLAIN) run. */
    public Dataset<Row> query(String statement) {
        String s = statement.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        String first = s.isEmpty() ? "" : s.split("\\s+", 2)[0].toUpperCase(java.util.Locale.ROOT);
        if (!List.of("SELECT", "WITH", "SHOW", "DESCRIBE", "DESC", "EXPLAIN", "VALUES", "FROM").contains(first)) {
            throw new IllegalArgumentException("only queries run here (SELECT, WITH, SHOW, DESCRIBE, EXPLAIN); got '"
                    + (first.isEmpty() ? "an empty statement" : first) + "'");
        }
        return spark.sql(s);
    }
}
