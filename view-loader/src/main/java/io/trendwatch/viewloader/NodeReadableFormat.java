package io.trendwatch.viewloader;

import org.apache.cassandra.io.sstable.format.Version;
import org.apache.cassandra.io.sstable.format.big.BigFormat;

import java.util.Map;

/**
 * Cassandra's big SSTable format at version {@value #VERSION}, the newest that every Cassandra 5.0 node reads whatever
 * its {@code storage_compatibility_mode}. A writer in client mode would write 5.0's {@code oa}; a node left at the
 * mode 5.0 ships with (CASSANDRA_4) writes {@code nb} itself, serves {@code oa} SSTables streamed to it, and then
 * refuses to start on them. Nodes on NONE read {@code nb} too, and compaction rewrites it in their own version.
 */
final class NodeReadableFormat extends BigFormat {

    static final String VERSION = "nb";

    private final Version version = getVersion(VERSION);

    NodeReadableFormat() {
        super(Map.of());
    }

    @Override
    public Version getLatestVersion() {
        return version;
    }
}
