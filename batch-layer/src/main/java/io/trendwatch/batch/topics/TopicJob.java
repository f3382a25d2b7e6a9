package io.trendwatch.batch.topics;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.trendwatch.batch.NotEnoughDataException;
import io.trendwatch.batch.master.MasterDataset;
import io.trendwatch.model.registry.ModelsDir;
import io.trendwatch.store.models.ModelNames;
import io.trendwatch.store.models.ModelRecord;
import io.trendwatch.store.models.ModelRegistry;
import io.trendwatch.store.views.Tables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The topics of one day: fits the topic model on a bounded sample of the
 * day's posts of the master dataset, gives every post its topic mix, saves
 * the model as a registry version, and replaces the day's rows of
 * {@link Tables#TOPICS_BY_DAY} (the old rows are deleted just below the new
 * rows' write time, so a rerun leaves exactly the new topics).
 */
public record TopicJob(SparkSession spark, MasterDataset master, CqlSession session, String keyspace,
                       ModelsDir models) {

    public static final String NAME = ModelNames.TOPICS;

    /** What a run produced. */
    public record Result(String version, LocalDate day, long posts, TopicModeling.Fitted fitted, Path artifact) {
    }

    public Result run(LocalDate day, TopicParams params) throws IOException {
        Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Dataset<Row> posts = master.read(spark, from, from.plus(1, ChronoUnit.DAYS));
        Dataset<Row> documents = TopicModeling.documents(posts).cache();
        try {
            long n = documents.count();
            if (n < params.k()) {
                throw new NotEnoughDataException("the master dataset holds " + n + " posts with terms on " + day
                        + ": too few for " + params.k() + " topics");
            }
            TopicModeling.Fitted fitted = TopicModeling.fit(documents, params);
            Instant now = Instant.now();
            String version = models.newVersion(NAME, now);
            Path artifact = models.dir(NAME, version);
            fitted.vocabulary().write().overwrite().save(artifact.resolve("vocabulary").toString());
            fitted.lda().write().overwrite().save(artifact.resolve("lda").toString());
            write(day, version, fitted, now);
            register(day, version, params, fitted, artifact, now);
            return new Result(version, day, n, fitted, artifact);
        } finally {
            documents.unpersist();
        }
    }

    private void write(LocalDate day, String version, TopicModeling.Fitted fitted, Instant now) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
        PreparedStatement delete = session.prepare(Tables.TOPICS_BY_DAY.delete(keyspace, "USING TIMESTAMP ?", "day = ?"));
        PreparedStatement insert = session.prepare(Tables.TOPICS_BY_DAY.insert(keyspace,
                "day, topic, terms, weights, share, model_version", "USING TIMESTAMP ?"));
        // one partition: a single-partition batch applies atomically
        BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.UNLOGGED)
                .addStatement(delete.bind(micros - 1, day));
        for (TopicModeling.Topic t : fitted.topics()) {
            batch.addStatement(insert.bind(day, t.topic(), t.terms(), t.weights(), t.share(), version, micros));
        }
        session.execute(batch.build());
    }

    private void register(LocalDate day, String version, TopicParams params, TopicModeling.Fitted fitted,
                          Path artifact, Instant now) {
        Map<String, String> p = new LinkedHashMap<>(params.asMap());
        p.put("day", day.toString());
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("log_perplexity", fitted.logPerplexity());
        metrics.put("documents", (double) fitted.documents());
        metrics.put("sampled_documents", (double) fitted.sampled());
        metrics.put("vocabulary", (double) fitted.vocabulary().vocabulary().length);
        Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        new ModelRegistry(session, keyspace).register(new ModelRecord(NAME, version, now, from,
                from.plus(1, ChronoUnit.DAYS), p, metrics, artifact.toAbsolutePath().toString(), "trained"));
    }
}
