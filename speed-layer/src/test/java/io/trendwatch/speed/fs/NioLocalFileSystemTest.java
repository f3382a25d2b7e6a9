package io.trendwatch.speed.fs;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.spark.sql.execution.streaming.checkpointing.CheckpointFileManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NioLocalFileSystemTest {

    @TempDir
    java.nio.file.Path tmp;

    /** What a micro-batch does to its checkpoint: atomic writes (temp file + rename), a folder, a read, a delete. */
    private static void checkpointLikeWork(java.nio.file.Path dir, Configuration conf) throws IOException {
        Path root = new Path(dir.toUri());
        CheckpointFileManager files = CheckpointFileManager.create(root, conf);
        files.mkdirs(new Path(root, "offsets"));
        for (int batch = 0; batch < 3; batch++) {
            Path log = new Path(root, "offsets/" + batch);
            try (FSDataOutputStream out = files.createAtomic(log, false)) {
                out.write(("batch " + batch).getBytes(StandardCharsets.UTF_8));
            }
            try (var in = files.open(log)) {
                assertEquals("batch " + batch, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        files.delete(new Path(root, "offsets/0"));
        try (FileSystem fs = FileSystem.newInstance(root.toUri(), conf)) {
            fs.mkdirs(new Path(root, "state/0"), new FsPermission((short) 0750));
            try (FSDataOutputStream out = fs.create(new Path(root, "state/0/1.changelog"), new FsPermission((short) 0640),
                    true, 4096, (short) 1, 1 << 20, null)) {
                out.write(1);
            }
            assertTrue(fs.rename(new Path(root, "state/0/1.changelog"), new Path(root, "state/0/2.changelog")));
        }
    }

    private static Configuration conf(boolean forkless) {
        Configuration conf = new Configuration();
        if (forkless) {
            LocalFileSystems.sparkConf().forEach((k, v) -> conf.set(k.substring("spark.hadoop.".length()), v));
        }
        return conf;
    }

    private long processesStartedBy(java.nio.file.Path dir, Configuration conf) throws IOException {
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ProcessStart");
            recording.start();
            checkpointLikeWork(dir, conf);
            recording.stop();
            java.nio.file.Path dump = Files.createTempFile(tmp, "processes", ".jfr");
            recording.dump(dump);
            List<RecordedEvent> events = RecordingFile.readAllEvents(dump);
            return events.stream().filter(e -> e.getEventType().getName().equals("jdk.ProcessStart")).count();
        }
    }

    @Test
    void checkpointWritesStartNoProcessWhereHadoopsOwnStartsMany() throws IOException {
        // class initialisation (Hadoop probes setsid once) happens before anything is counted
        checkpointLikeWork(Files.createDirectories(tmp.resolve("warm-stock")), conf(false));
        checkpointLikeWork(Files.createDirectories(tmp.resolve("warm-forkless")), conf(true));

        long stock = processesStartedBy(Files.createDirectories(tmp.resolve("stock")), conf(false));
        long forkless = processesStartedBy(Files.createDirectories(tmp.resolve("forkless")), conf(true));

        assertTrue(stock > 10, "Hadoop's local file system is expected to fork here (chmod, readlink), saw " + stock);
        assertEquals(0, forkless, "processes started by the forkless local file system");
    }

    @Test
    void filesGetThePermissionTheyAreCreatedWith() throws IOException {
        java.nio.file.Path dir = Files.createDirectories(tmp.resolve("perm"));
        checkpointLikeWork(dir, conf(true));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("state/0/2.changelog"))));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("state/0"))));
        assertFalse(Files.exists(dir.resolve("offsets/0")));
        assertTrue(Files.exists(dir.resolve("offsets/2")));
    }

    @Test
    void modeBitsMapToPosixPermissions() {
        assertEquals(PosixFilePermissions.fromString("rwxr-x--x"), NioRawLocalFileSystem.posix((short) 0751));
        assertEquals(PosixFilePermissions.fromString("---------"), NioRawLocalFileSystem.posix((short) 0));
        assertEquals(PosixFilePermissions.fromString("rw-rw-rw-"), NioRawLocalFileSystem.posix((short) 01666));
    }

    @Test
    void sparkSettingsNameTheseClasses() {
        Map<String, String> conf = LocalFileSystems.sparkConf();
        assertEquals(NioLocalFileSystem.class.getName(), conf.get("spark.hadoop.fs.file.impl"));
        assertEquals(NioLocalFs.class.getName(), conf.get("spark.hadoop.fs.AbstractFileSystem.file.impl"));
    }
}
