package io.trendwatch.viewloader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.cassandra.io.sstable.CQLSSTableWriter;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Staged rows of one table written as SSTables with {@link CQLSSTableWriter}, which sorts what it buffers into
 * partitions, in the version every node reads ({@link NodeReadableFormat}). Several writers may share a folder: the
 * writers of one JVM number their SSTables from one counter.
 */
final class SSTableWriting {

    private SSTableWriting() {
    }

    /** Writes the rows of {@code parts} into {@code out}; returns how many. */
    static long write(StagedTable table, List<Path> parts, Path out, int bufferMib) throws IOException {
        Files.createDirectories(out);
        ObjectMapper json = new ObjectMapper();
        long rows = 0;
        try (CQLSSTableWriter writer = open(table, out, bufferMib)) {
            for (Path part : parts) {
                try (BufferedReader in = Files.newBufferedReader(part, StandardCharsets.UTF_8)) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        writer.addRow(values(json.readTree(line), table.types()));
                        rows++;
                    }
                }
            }
        }
        return rows;
    }

    // building a writer sets up the offline schema the writers of this JVM share: one at a time
    private static synchronized CQLSSTableWriter open(StagedTable table, Path out, int bufferMib) {
        // the builder sets Cassandra up as a client, which a format needs first
        CQLSSTableWriter.Builder builder = CQLSSTableWriter.builder();
        return builder.inDirectory(out.toString()).forTable(table.schema()).using(table.insert())
                .withBufferSizeInMiB(bufferMib).withFormat(new NodeReadableFormat()).build();
    }

    /** A staged row's values as the writer binds them: timestamps are staged as epoch milliseconds. */
    static List<Object> values(JsonNode row, List<String> types) {
        if (row.size() != types.size()) {
            throw new IllegalArgumentException("a staged row has " + row.size() + " values, the insert " + types.size());
        }
        List<Object> values = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) {
            JsonNode v = row.get(i);
            values.add(v.isNull() ? null : switch (types.get(i)) {
                case "text" -> v.asText();
                case "bigint" -> v.asLong();
                case "int" -> v.asInt();
                case "double" -> v.asDouble();
                case "timestamp" -> new Date(v.asLong());
                default -> throw new IllegalArgumentException("no staged form for CQL type " + types.get(i));
            });
        }
        return values;
    }
}
