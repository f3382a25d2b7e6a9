package io.trendwatch.batch.master;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Kafka offsets up to which a topic is in the master dataset. A commit is
 * written after the Parquet files of its range, by an atomic rename: a run that
 * dies in between re-reads the range next time, and the master dataset's id
 * check drops what was already written, so every post lands exactly once.
 */
public final class OffsetLog {

    /**
     * One commit: the next offset to read per partition, and what the range held; {@code lost}: records
     * deleted by retention before any run archived them, over the log's whole history (0 in older logs).
     */
    public record Commit(String topic, Map<Integer, Long> nextOffsets, String committedAt,
                         long records, long added, long rejected, long lost) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public OffsetLog(MasterDataset master, String topic) {
        this.file = master.bookkeeping().resolve("offsets-" + topic + ".json");
    }

    public Optional<Commit> last() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(JSON.readValue(file.toFile(), Commit.class));
    }

    /** The next offset per partition, 0 where nothing was archived yet. */
    public Map<Integer, Long> startOffsets(Iterable<Integer> partitions) throws IOException {
        Map<Integer, Long> done = last().map(Commit::nextOffsets).orElse(Map.of());
        Map<Integer, Long> start = new TreeMap<>();
        for (int p : partitions) {
            start.put(p, done.getOrDefault(p, 0L));
        }
        return start;
    }

    public void commit(Commit commit) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), commit);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
