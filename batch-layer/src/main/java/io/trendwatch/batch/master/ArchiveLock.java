package io.trendwatch.batch.master;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;

/**
 * One writer of the master dataset at a time (an archive, an import): two
 * writers could both decide that the same post is new. Held through an OS
 * file lock, so a killed process releases it.
 */
public final class ArchiveLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private ArchiveLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static ArchiveLock acquire(MasterDataset master) throws IOException {
        Files.createDirectories(master.bookkeeping());
        FileChannel channel = FileChannel.open(master.bookkeeping().resolve("writer.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            System.err.println("Another archive or import is writing " + master.root() + "; waiting for it to finish");
            lock = channel.lock();
        }
        return new ArchiveLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
