package io.trendwatch.speed.supervise;

import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RestartPolicyTest {

    private static final Instant T0 = Instant.parse("2026-11-30T00:00:00Z");
    private static final RuntimeException CASSANDRA_AWAY = new IllegalStateException("writing to Cassandra failed",
            new NoNodeAvailableException());

    @Test
    void pausesDoubleUpToTheMaximumWhileTheOutageLasts() {
        RestartPolicy p = new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(15));
        assertThat(p.afterFailure(CASSANDRA_AWAY, T0)).hasValue(Duration.ofSeconds(1));
        assertThat(p.afterFailure(CASSANDRA_AWAY, T0.plusSeconds(2))).hasValue(Duration.ofSeconds(2));
        assertThat(p.afterFailure(CASSANDRA_AWAY, T0.plusSeconds(5))).hasValue(Duration.ofSeconds(4));
        for (int i = 0; i < 10; i++) {
            p.afterFailure(CASSANDRA_AWAY, T0.plusSeconds(10 + i));
        }
        assertThat(p.afterFailure(CASSANDRA_AWAY, T0.plusSeconds(60))).hasValue(Duration.ofSeconds(30));
        assertThat(p.outageStart()).hasValue(T0);
    }

    @Test
    void givesUpOnceTheOutageOutlastsTheLimitAndStartsAfreshAfterARecovery() {
        RestartPolicy p = new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(15));
        assertThat(p.afterFailure(CASSANDRA_AWAY, T0)).isPresent();
        assertThat(p.afterFailure(CASSANDRA_AWAY, T0.plus(Duration.ofMinutes(15)))).isEmpty();
        p.recovered();
        assertThat(p.outageStart()).isEmpty();
        assertThat(p.afterFailure(CASSANDRA_AWAY, T0.plus(Duration.ofMinutes(20)))).hasValue(Duration.ofSeconds(1));
    }

    @Test
    void aFailureThatIsNoOutageIsNotRetried() {
        RestartPolicy p = new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(15));
        assertThat(p.afterFailure(new IllegalArgumentException("column 'terms' not found"), T0)).isEmpty();
        RuntimeException lost = new IllegalStateException("Some data may have been lost because they are not available in Kafka "
                + "any more\\nPartition posts-0's offset was changed from 100 to 250, some data may have been missed.",
                new org.apache.kafka.common.errors.TimeoutException("x"));
        assertThat(p.afterFailure(lost, T0)).as("data loss is not waited out").isEmpty();
    }

    @Test
    void readsTransientFailuresAndDataLossFromTheWholeChain() {
        assertThat(TransientFailures.isTransient(new RuntimeException("Job aborted",
                new RuntimeException("org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node")))).isTrue();
        assertThat(TransientFailures.isTransient(new RuntimeException("java.net.ConnectException: Connection refused"))).isTrue();
        assertThat(TransientFailures.isTransient(new NullPointerException())).isFalse();
        RuntimeException lost = new IllegalStateException("[STREAM_FAILED] terminated with exception: Some data may have been lost",
                new IllegalStateException("Partition posts-1's offset was changed from 3 to 40, some data may have been missed."));
        assertThat(TransientFailures.dataLoss(lost)).hasValueSatisfying(m -> assertThat(m).contains("posts-1").contains("3 to 40"));
    }
}
