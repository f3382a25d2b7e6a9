package io.trendwatch.core.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The defaults every command shares: the broker and the shared data folder, from the environment or local. */
class RuntimeDefaultsTest {

    @Test
    void theBrokerIsTheEnvironmentsOrTheLocalOne() {
        assertThat(KafkaAddress.bootstrap(Map.of("TRENDWATCH_KAFKA", "10.0.0.5:9093"))).isEqualTo("10.0.0.5:9093");
        assertThat(KafkaAddress.bootstrap(Map.of())).isEqualTo("127.0.0.1:9092");
        assertThat(KafkaAddress.bootstrap("b1:9092,b2:9092")).isEqualTo("b1:9092,b2:9092");
    }

    @Test
    void theSharedFolderIsTheEnvironmentsOrBesideTheCheckout() {
        assertThat(SharedDataFolder.root(Map.of("TRENDWATCH_SHARED_DIR", "/data/shared"))).isEqualTo(Path.of("/data/shared"));
        assertThat(SharedDataFolder.root(Map.of("TRENDWATCH_SHARED_DIR", " "))).isEqualTo(Path.of("..", "shared"));
        assertThat(SharedDataFolder.root(Map.of())).isEqualTo(Path.of("..", "shared"));
    }
}
