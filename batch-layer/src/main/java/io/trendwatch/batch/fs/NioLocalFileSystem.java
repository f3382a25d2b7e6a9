package io.trendwatch.batch.fs;

import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Hadoop's checksummed local file system ({@code file:}), with permissions set through {@code java.nio}. Without
 * Hadoop's native library (never shipped in Maven jars) the stock one starts a {@code chmod} process for every file
 * and folder it creates: archiving posts of 577 dates into an empty master dataset started 1,974 of them, about a
 * fifth of the archive's time on two cores (docs/benchmarks.md). Same files, same permissions, same checksums; a
 * sticky bit, which {@code java.nio} cannot set, still goes through Hadoop's own path.
 */
public final class NioLocalFileSystem extends LocalFileSystem {

    public NioLocalFileSystem() {
        super(new Raw());
    }

    static final class Raw extends RawLocalFileSystem {
        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            if (permission.getStickyBit()) {
                super.setPermission(p, permission);
                return;
            }
            String rwx = permission.getUserAction().SYMBOL + permission.getGroupAction().SYMBOL
                    + permission.getOtherAction().SYMBOL;
            try {
                Files.setPosixFilePermissions(pathToFile(p).toPath(), PosixFilePermissions.fromString(rwx));
            } catch (NoSuchFileException e) {
                throw new FileNotFoundException("File " + p + " does not exist");   // what Hadoop's callers expect
            }
        }
    }
}
