package io.trendwatch.speed.fs;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Hadoop's local file system without the child processes. Without Hadoop's
 * native library, {@link RawLocalFileSystem} runs {@code chmod} for every file
 * it creates with a permission and {@code readlink} for every file status a
 * rename looks at; a streaming checkpoint writes and renames several files per
 * micro-batch, so the speed layer forked 30-40 processes a second. Here both
 * are done with {@code java.nio}.
 */
public class NioRawLocalFileSystem extends RawLocalFileSystem {

    /** PosixFilePermission in declaration order is owner rwx, group rwx, others rwx: bit 8 down to bit 0. */
    private static final PosixFilePermission[] BITS = PosixFilePermission.values();

    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
        Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(permission.toShort()));
    }

    /** The status of {@code f} itself; only a real symbolic link takes Hadoop's own (forking) path. */
    @Override
    public FileStatus getFileLinkStatus(Path f) throws IOException {
        if (Files.isSymbolicLink(pathToFile(f).toPath())) {
            return super.getFileLinkStatus(f);
        }
        return getFileStatus(f);
    }

    static Set<PosixFilePermission> posix(short mode) {
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < BITS.length; i++) {
            if ((mode & (1 << (BITS.length - 1 - i))) != 0) {
                out.add(BITS[i]);
            }
        }
        return out;
    }
}
