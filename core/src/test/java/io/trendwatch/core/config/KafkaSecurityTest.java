package io.trendwatch.core.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaSecurityTest {

    @Test
    void nothingSetIsPlaintextWithNoProperties() {
        KafkaSecurity s = KafkaSecurity.fromEnvironment(Map.of());
        assertThat(s.protocol()).isEqualTo("PLAINTEXT");
        assertThat(s.clientProperties()).isEmpty();
        assertThat(s.sparkOptions()).isEmpty();
    }

    @Test
    void scramOverTlsGivesTheClientPropertiesAndHidesThePassword() {
        KafkaSecurity s = KafkaSecurity.fromEnvironment(Map.of("TRENDWATCH_KAFKA_SECURITY_PROTOCOL", "sasl_ssl",
                "TRENDWATCH_KAFKA_SASL_MECHANISM", "SCRAM-SHA-256", "TRENDWATCH_KAFKA_USERNAME", "tw",
                "TRENDWATCH_KAFKA_PASSWORD", "pa\"ss", "TRENDWATCH_KAFKA_TRUSTSTORE", "/etc/tw/ca.p12",
                "TRENDWATCH_KAFKA_TRUSTSTORE_PASSWORD", "changeit"));
        assertThat(s.clientProperties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-256")
                .containsEntry("sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"tw\" password=\"pa\\\"ss\";")
                .containsEntry("ssl.truststore.location", "/etc/tw/ca.p12")
                .containsEntry("ssl.truststore.password", "changeit");
        assertThat(s.sparkOptions()).containsEntry("kafka.security.protocol", "SASL_SSL");
        assertThat(s.toString()).contains("SCRAM-SHA-256 as tw").doesNotContain("pa\"ss").doesNotContain("changeit");
    }

    @Test
    void thePasswordMayComeFromAFile() throws Exception {
        Path f = Files.createTempFile("kafka-password", ".txt");
        Files.writeString(f, "from-file\n");
        KafkaSecurity s = KafkaSecurity.fromEnvironment(Map.of("TRENDWATCH_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "TRENDWATCH_KAFKA_USERNAME", "tw", "TRENDWATCH_KAFKA_PASSWORD_FILE", f.toString()));
        assertThat(s.password()).isEqualTo("from-file");
        assertThat(s.mechanism()).isEqualTo("SCRAM-SHA-512");
    }

    @Test
    void saslWithoutCredentialsOrAnUnknownProtocolIsRefusedWithTheVariableToSet() {
        assertThatThrownBy(() -> KafkaSecurity.fromEnvironment(Map.of("TRENDWATCH_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")))
                .hasMessageContaining("TRENDWATCH_KAFKA_USERNAME");
        assertThatThrownBy(() -> KafkaSecurity.fromEnvironment(Map.of("TRENDWATCH_KAFKA_SECURITY_PROTOCOL", "KERBEROS")))
                .hasMessageContaining("TRENDWATCH_KAFKA_SECURITY_PROTOCOL");
    }
}
