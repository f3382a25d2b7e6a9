package io.trendwatch.viewloader;

import org.apache.cassandra.io.sstable.Descriptor;
import org.apache.cassandra.io.util.File;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class NodeReadableFormatTest {

    @Test
    void stagedRowsBecomeSSTablesInTheVersionEveryNodeReads(@TempDir Path dir) throws Exception {
        Path part = dir.resolve("rows").resolve("part-00000");
        Files.createDirectories(part.getParent());
        Files.writeString(part, "[\"#sale\",1767571200000,42,1,604800]\n[\"#deal\",1767571200000,7,1,604800]\n");
        StagedTable table = new StagedTable("tw_format_check", "counts",
                "CREATE TABLE tw_format_check.counts (term text, bucket timestamp, posts bigint, PRIMARY KEY (term, bucket))",
                "INSERT INTO tw_format_check.counts (term, bucket, posts) VALUES (?, ?, ?) USING TIMESTAMP ? AND TTL ?",
                List.of("text", "timestamp", "bigint", "bigint", "int"), "rows");
        Path out = dir.resolve("sstables");

        assertThat(SSTableWriting.write(table, List.of(part), out, 16)).isEqualTo(2);

        List<Path> data;
        try (Stream<Path> files = Files.list(out)) {
            data = files.filter(p -> p.getFileName().toString().endsWith("-Data.db")).toList();
        }
        assertThat(data).isNotEmpty().allSatisfy(p -> {
            Descriptor d = Descriptor.fromFileWithComponent(new File(p), false).left;
            assertThat(d.version.version).isEqualTo("nb");
            assertThat(d.version.format.name()).isEqualTo("big");
        });
    }
}
