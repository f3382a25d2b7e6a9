package io.trendwatch.serving.db;

import io.trendwatch.core.sentiment.PolarityRates;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.serving.TestKeyspace;
import io.trendwatch.serving.ViewRows;
import io.trendwatch.serving.api.SentimentResponse;
import io.trendwatch.serving.merge.ShareEstimator;
import io.trendwatch.serving.resources.SentimentResource;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.models.ModelNames;
import io.trendwatch.store.models.ModelRecord;
import io.trendwatch.store.models.ModelRegistry;
import io.trendwatch.store.views.Layer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The sentiment shares against a real Cassandra: the counts come from the views, the rates from the card of the
 * model in use in the registry, as {@code train-sentiment} records them.
 */
class SentimentSharesIT {

    private static final String KEYSPACE = "tw_sentiment_shares_it";
    private static final PolarityRates RATES = new PolarityRates(0.8886, 0.1057, 1023, 473);

    @RegisterExtension
    static final TestKeyspace VIEWS = TestKeyspace.migrated(KEYSPACE);

    @BeforeAll
    static void writeViews() {
        ViewRows rows = VIEWS.rows();
        // no boundary published: every minute is the speed view's; 40 positive, 30 neutral, 20 negative, 10 unscored
        rows.term(Layer.SPEED, "#sale", Granularity.MINUTE, Instant.parse("2026-03-01T10:00:00Z"), 50, 30, 10, 5, 5);
        rows.term(Layer.SPEED, "#sale", Granularity.MINUTE, Instant.parse("2026-03-01T10:01:00Z"), 50, 10, 20, 15, 5);
    }

    @Test
    void theSharesAreAdjustedByTheRatesTheModelInUseRecordsAndCountedWithoutThem() {
        ModelRegistry registry = new ModelRegistry(VIEWS.session(), KEYSPACE);
        Map<String, Double> metrics = new HashMap<>(RATES.metrics());
        metrics.put("time_avg_recall", 0.62);
        registry.register(record("v1", metrics));
        registry.promote(ModelNames.SENTIMENT, "v1", "time_avg_recall", false);

        CassandraSessions sessions = new CassandraSessions(CassandraSettings.fromEnvironment().withKeyspace(KEYSPACE), false);
        sessions.start();
        try {
            CassandraViewReader views = new CassandraViewReader(sessions);
            SeriesReader reader = new SeriesReader(ViewCache.none(views));
            SentimentResponse adjusted = new SentimentResource(reader, ShareEstimator.of(views), 10_000)
                    .sentiment("#sale", "2026-03-01T10:00:00Z", "2026-03-01T10:05:00Z");
            assertThat(adjusted.positive()).isEqualTo(40);
            assertThat(adjusted.neutral()).isEqualTo(30);
            assertThat(adjusted.negative()).isEqualTo(20);
            assertThat(adjusted.positiveShare()).isEqualTo(40.0 / 90);
            assertThat(adjusted.shareEstimate()).isEqualTo("adjusted");
            assertThat(adjusted.sentimentModel()).isEqualTo("v1");
            double positiveOfPolar = (40.0 / 60 - 0.1057) / (0.8886 - 0.1057);
            assertThat(adjusted.estimatedPositiveShare()).isCloseTo(positiveOfPolar * 60 / 90, within(1e-12));
            assertThat(adjusted.estimatedNegativeShare()).isCloseTo((1 - positiveOfPolar) * 60 / 90, within(1e-12));

            // a model whose card has no rates (trained before they were recorded): the shares as counted
            registry.register(record("v2", Map.of("time_avg_recall", 0.63)));
            registry.promote(ModelNames.SENTIMENT, "v2", "time_avg_recall", false);
            SentimentResponse counted = new SentimentResource(reader, ShareEstimator.of(views), 10_000)
                    .sentiment("#sale", "2026-03-01T10:00:00Z", "2026-03-01T10:05:00Z");
            assertThat(counted.shareEstimate()).isEqualTo("counted");
            assertThat(counted.sentimentModel()).isEqualTo("v2");
            assertThat(counted.estimatedPositiveShare()).isEqualTo(40.0 / 90);
            assertThat(counted.estimatedNegativeShare()).isEqualTo(20.0 / 90);
        } finally {
            sessions.stop();
        }
    }

    private static ModelRecord record(String version, Map<String, Double> metrics) {
        Instant now = Instant.parse("2026-03-01T00:00:00Z");
        return new ModelRecord(ModelNames.SENTIMENT, version, now, now, now, Map.of("split", "id"), metrics,
                "/nowhere/" + version, "trained");
    }
}
