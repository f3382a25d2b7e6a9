package io.trendwatch.batch.views;

import io.trendwatch.store.CassandraSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the SSTable load cannot run, a run says so before any work, and names the way that does. */
class SSTableViewLoadTest {

    @Test
    void aMissingLoaderIsNamedWithTheWayOut(@TempDir Path dir) {
        SSTableViewLoad load = new SSTableViewLoad(CassandraSettings.fromEnvironment(Map.of()),
                new ViewLoad.SSTables(dir.resolve("view-loader"), dir, 7000));
        assertThatThrownBy(load::checkReady).hasMessageContaining(dir.resolve("view-loader").toString())
                .hasMessageContaining("--view-load driver");
    }

    @Test
    void tlsIsRefusedAndAnExecutableLoaderWithoutTlsIsReady(@TempDir Path dir) throws Exception {
        Path loader = Files.createFile(dir.resolve("view-loader"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        ViewLoad.SSTables sstables = new ViewLoad.SSTables(loader, dir, 7000);
        assertThatCode(() -> new SSTableViewLoad(CassandraSettings.fromEnvironment(Map.of()), sstables).checkReady())
                .doesNotThrowAnyException();
        CassandraSettings tls = CassandraSettings.fromEnvironment(Map.of("TRENDWATCH_CASSANDRA_TRUSTSTORE", "/etc/tw/trust.p12"));
        assertThatThrownBy(() -> new SSTableViewLoad(tls, sstables).checkReady()).hasMessageContaining("TLS")
                .hasMessageContaining("--view-load driver");
    }
}
