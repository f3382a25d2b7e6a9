package io.trendwatch.batch.fs;

import io.trendwatch.batch.TestSpark;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NioLocalFileSystemTest {

    @TempDir
    java.nio.file.Path dir;

    private static FileSystem fs() throws IOException {
        FileSystem fs = new NioLocalFileSystem();
        fs.initialize(URI.create("file:///"), new Configuration());
        return fs;
    }

    @Test
    void foldersAndFilesGetThePermissionsAskedFor() throws IOException {
        try (FileSystem fs = fs()) {
            Path folder = new Path(dir.toUri().toString(), "date=2026-12-04");
            assertThat(fs.mkdirs(folder, new FsPermission((short) 0750))).isTrue();
            Path file = new Path(folder, "part-0.parquet");
            try (FSDataOutputStream out = fs.create(file, new FsPermission((short) 0640), false, 4096, (short) 1, 1 << 20, null)) {
                out.writeBytes("rows");
            }
            java.nio.file.Path local = dir.resolve("date=2026-12-04");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(local))).isEqualTo("rwxr-x---");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(local.resolve("part-0.parquet"))))
                    .isEqualTo("rw-r-----");
            assertThat(Files.readString(local.resolve("part-0.parquet"))).isEqualTo("rows");
            // still the checksummed file system: its checksum file is written beside the file
            assertThat(local.resolve(".part-0.parquet.crc")).exists();
            fs.setPermission(file, new FsPermission((short) 0604));
            assertThat(fs.getFileStatus(file).getPermission().toShort()).isEqualTo((short) 0604);
        }
    }

    @Test
    void aMissingPathIsNotFound() throws IOException {
        try (FileSystem fs = fs()) {
            assertThatThrownBy(() -> fs.setPermission(new Path(dir.toUri().toString(), "absent"), new FsPermission((short) 0644)))
                    .isInstanceOf(FileNotFoundException.class).hasMessageContaining("absent");
        }
    }

    @Test
    void batchSessionsUseItForLocalPaths() throws IOException {
        Configuration conf = TestSpark.session().sparkContext().hadoopConfiguration();
        assertThat(FileSystem.get(dir.toUri(), conf)).isInstanceOf(NioLocalFileSystem.class);
        assertThat(conf.get("spark.sql.sources.parallelPartitionDiscovery.threshold")).isNull();   // a session setting, not Hadoop's
        assertThat(TestSpark.session().conf().get("spark.sql.sources.parallelPartitionDiscovery.threshold"))
                .isEqualTo(Integer.toString(BatchSparkSettings.DRIVER_LISTING_PATHS));
    }
}
