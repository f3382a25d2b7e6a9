package io.trendwatch.viewloader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * {@code bin/view-loader --stage DIR}: loads view rows a batch run staged into the cluster without its write path.
 * Each table of the stage's {@code manifest.json} names its CREATE TABLE, its INSERT (bind markers in the order of
 * the staged values, write timestamp and TTL included, so the cells are those the driver would write) and the CQL
 * type of each value; its rows are JSON arrays, one per line, in {@code part-*} files of the folder named after it.
 * The rows become SSTables under {@code DIR/sstables/KEYSPACE/TABLE}, streamed to the nodes that own them
 * (sstableloader). Exit 0 once every table is streamed; anything else, nothing is known to be loaded.
 */
@Command(name = "view-loader", mixinStandardHelpOptions = true,
        description = {"Turn the view rows a batch run staged (--view-load sstable) into SSTables and stream them to "
                + "the Cassandra nodes that own them. Run by the batch run itself; by hand only to load a stage again.",
                "Login from TRENDWATCH_CASSANDRA_USERNAME and TRENDWATCH_CASSANDRA_PASSWORD, when set."})
public final class LoadViews implements Callable<Integer> {

    @Option(names = "--stage", required = true, description = "The stage folder (manifest.json and the rows)")
    Path stage;

    @Option(names = "--hosts", required = true, split = ",", description = "Nodes to learn the ring from, e.g. 127.0.0.1")
    List<String> hosts;

    @Option(names = "--native-port", defaultValue = "9042", description = "CQL port (default: ${DEFAULT-VALUE})")
    int nativePort;

    @Option(names = "--storage-port", defaultValue = "7000", description = "Internode port the SSTables stream to "
            + "(default: ${DEFAULT-VALUE})")
    int storagePort;

    @Option(names = "--buffer-mib", defaultValue = "64", description = "Rows buffered (and sorted) in memory before "
            + "an SSTable is written (default: ${DEFAULT-VALUE})")
    int bufferMib;

    @Option(names = "--threads", description = "SSTable writers at once (default: the machine's cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadViews()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        JsonNode manifest = new ObjectMapper().readTree(stage.resolve("manifest.json").toFile());
        // a table's part files are shared among writers that write into the table's folder, and each table's folder
        // is streamed by a loader of its own
        List<Writer> writers = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        for (JsonNode entry : manifest.get("tables")) {
            StagedTable table = StagedTable.of(entry);
            List<Path> parts;
            try (Stream<Path> files = Files.list(stage.resolve(table.rows()))) {
                parts = files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
            }
            int n = Math.max(1, Math.min(threads, parts.size()));
            Path out = stage.resolve("sstables").resolve(table.keyspace()).resolve(table.table());
            folders.add(out);
            List<Writer> ofTable = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ofTable.add(new Writer(table, out, new ArrayList<>()));
            }
            for (int i = 0; i < parts.size(); i++) {
                ofTable.get(i % n).parts().add(parts.get(i));
            }
            writers.addAll(ofTable);
        }
        long started = System.nanoTime();
        Map<String, Long> rows = write(writers);
        long streaming = System.nanoTime();
        List<Process> loaders = new ArrayList<>();
        for (Path folder : folders) {
            try (Stream<Path> sstables = Files.list(folder)) {
                if (sstables.findAny().isPresent()) {
                    loaders.add(stream(folder, loaders.size()));
                }
            }
        }
        for (Process p : loaders) {
            if (p.waitFor() != 0) {
                System.err.println("sstableloader exited with " + p.exitValue() + "; its output is in "
                        + stage.resolve("sstableloader-*.log"));
                return 1;
            }
        }
        rows.forEach((table, n) -> System.out.printf("%s: %d rows%n", table, n));
        System.out.printf("SSTables written in %.1f s (%d writers), streamed in %.1f s%n", (streaming - started) / 1e9,
                writers.size(), (System.nanoTime() - streaming) / 1e9);
        return 0;
    }

    /** The rows of {@code parts} of one table, to be written as SSTables into {@code out}. */
    private record Writer(StagedTable table, Path out, List<Path> parts) {
    }

    /** Runs the writers, {@code --threads} at once; the rows each table got. */
    private Map<String, Long> write(List<Writer> writers) throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<Long>> written = new ArrayList<>();
            for (Writer w : writers) {
                written.add(pool.submit(() -> SSTableWriting.write(w.table(), w.parts(), w.out(), bufferMib)));
            }
            Map<String, Long> rows = new LinkedHashMap<>();
            for (int i = 0; i < writers.size(); i++) {
                rows.merge(writers.get(i).table().name(), written.get(i).get(), Long::sum);
            }
            return rows;
        } finally {
            pool.shutdownNow();
        }
    }

    /** sstableloader through its command line, its documented interface, in a JVM set up as this one. */
    private Process stream(Path dir, int index) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.apache.cassandra.tools.BulkLoader",
                "--nodes", String.join(",", hosts), "--port", String.valueOf(nativePort),
                "--storage-port", String.valueOf(storagePort), "--no-progress"));
        String user = System.getenv("TRENDWATCH_CASSANDRA_USERNAME");
        if (user != null && !user.isBlank()) {
            command.addAll(List.of("--auth-provider", EnvironmentLogin.class.getName()));
        }
        command.add(dir.toString());
        // its output goes to a log beside the stage: standard output holds only this tool's summary lines
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(stage.resolve("sstableloader-" + index + ".log").toFile()).start();
    }
}
