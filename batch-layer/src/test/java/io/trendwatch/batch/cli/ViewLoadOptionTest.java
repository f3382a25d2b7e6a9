package io.trendwatch.batch.cli;

import io.trendwatch.batch.views.ViewLoad;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ViewLoadOptionTest {

    @Test
    void driverNeedsNothing() {
        assertThat(ViewLoadOption.of("driver", Map.of())).isEqualTo(ViewLoad.DRIVER);
    }

    @Test
    void sstableTakesTheLoaderTheStageUnderHomeAndTheStoragePort() {
        ViewLoad load = ViewLoadOption.of("sstable", Map.of("TRENDWATCH_VIEW_LOADER", "/opt/tw/bin/view-loader",
                "TRENDWATCH_HOME", "/var/lib/tw", "TRENDWATCH_CASSANDRA_STORAGE_PORT", "17000"));
        assertThat(load).isEqualTo(new ViewLoad.SSTables(Path.of("/opt/tw/bin/view-loader"), Path.of("/var/lib/tw/stage"), 17000));
        assertThat(((ViewLoad.SSTables) ViewLoadOption.of("sstable", Map.of("TRENDWATCH_VIEW_LOADER", "/x",
                "TRENDWATCH_HOME", "/h"))).storagePort()).isEqualTo(7000);
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> ViewLoadOption.of("bulk", Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--view-load must be driver or sstable, got 'bulk'");
        assertThatThrownBy(() -> ViewLoadOption.of("sstable", Map.of())).hasMessageContaining("TRENDWATCH_VIEW_LOADER");
        assertThatThrownBy(() -> ViewLoadOption.of("sstable", Map.of("TRENDWATCH_VIEW_LOADER", "/x",
                "TRENDWATCH_CASSANDRA_STORAGE_PORT", "seven"))).hasMessageContaining("TRENDWATCH_CASSANDRA_STORAGE_PORT");
    }
}
