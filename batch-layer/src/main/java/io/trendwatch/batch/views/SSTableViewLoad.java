package io.trendwatch.batch.views;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trendwatch.core.text.PostTerms;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.Sessions;
import io.trendwatch.store.views.CountUpserts;
import io.trendwatch.store.views.ExampleRows;
import io.trendwatch.store.views.Layer;
import io.trendwatch.store.views.Table;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;

/**
 * The bulk path of a run's count rows and examples: the executors stage each row as the values of the very upsert the
 * driver path binds ({@link CountUpserts}, {@link ExampleRows}: the same period, run id, write timestamp and TTL), the
 * loader turns them into SSTables and streams them to the nodes that own them. Cassandra then keeps the same cells
 * as after the upserts, without their commit log, memtables and flushes. The stage of a run is removed once its rows
 * are loaded; a failed load fails the run before it publishes, as a failed write does, and keeps the stage and the
 * loader's output.
 */
public final class SSTableViewLoad {

    private static final Logger LOG = LoggerFactory.getLogger(SSTableViewLoad.class);
    /** The loader's line for each table loaded: {@code keyspace.table: N rows, ...}. */
    private static final Pattern LOADED = Pattern.compile("^\\S+\\.\\S+: (\\d+) rows");
    private static final Pattern INSERT_COLUMNS = Pattern.compile("\\(([^)]*)\\) VALUES");

    private final CassandraSettings cassandra;
    private final ViewLoad.SSTables load;

    public SSTableViewLoad(CassandraSettings cassandra, ViewLoad.SSTables load) {
        this.cassandra = cassandra;
        this.load = load;
    }

    /**
     * Loads the count rows (columns step, bucket, term, kind, posts, positive, neutral, negative, unscored) and the
     * minutes' examples ({@code TermExamples.minuteExamples}) under the run; returns the rows loaded, as the loader
     * counted them.
     */
    public long load(Dataset<Row> rows, Dataset<Row> examples, String runId, long writeTime)
            throws IOException, InterruptedException {
        checkReady();
        Path stage = load.stage().resolve(runId);
        deleteTree(stage);
        Files.createDirectories(stage);
        Dataset<Row> terms = rows.filter(col("term").notEqual(PostTerms.TOTAL));
        Dataset<Row> totals = rows.filter(col("term").equalTo(PostTerms.TOTAL));
        terms.map((MapFunction<Row, String>) r -> StagedRow.term(r, runId, writeTime), Encoders.STRING())
                .write().text(stage.resolve("terms").toString());
        totals.map((MapFunction<Row, String>) r -> StagedRow.total(r, runId, writeTime), Encoders.STRING())
                .write().text(stage.resolve("totals").toString());
        examples.map((MapFunction<Row, String>) r -> StagedRow.example(r, runId, writeTime), Encoders.STRING())
                .write().text(stage.resolve("examples").toString());
        writeManifest(stage);
        long loaded = runLoader(stage);
        deleteTree(stage);
        return loaded;
    }

    /** Fails, saying what to do, where this load cannot run: checked before a run starts, and again before loading. */
    public void checkReady() {
        if (cassandra.security().usesTls()) {
            throw new IllegalStateException("--view-load sstable does not stream over TLS: with a truststore set, "
                    + "load through the driver (--view-load driver)");
        }
        if (!Files.isExecutable(load.loader())) {
            throw new IllegalStateException("the SSTable view load needs its loader, " + load.loader() + ", which is "
                    + "missing: build with 'mvn -DskipTests package' and set TRENDWATCH_VIEW_LOADER to bin/view-loader, "
                    + "or load through the driver (--view-load driver)");
        }
    }

    /** One staged row: a JSON array of the upsert's bind values, timestamps as epoch milliseconds. */
    static final class StagedRow {
        private static final ObjectMapper JSON = new ObjectMapper();

        private StagedRow() {
        }

        static String term(Row r, String runId, long writeTime) throws IOException {
            Granularity step = Granularity.parse(r.getString(0));
            return json(CountUpserts.batchTermValues(r.getString(2), r.getString(3), step, ((Timestamp) r.get(1)).toInstant(),
                    BatchViewWriter.counts(r), BatchViewWriter.stamp(step, runId, writeTime)));
        }

        static String total(Row r, String runId, long writeTime) throws IOException {
            Granularity step = Granularity.parse(r.getString(0));
            return json(CountUpserts.batchTotalValues(step, ((Timestamp) r.get(1)).toInstant(), BatchViewWriter.counts(r),
                    BatchViewWriter.stamp(step, runId, writeTime)));
        }

        static String example(Row r, String runId, long writeTime) throws IOException {
            return json(ExampleRows.batchValues(r.getAs("term"), BatchViewWriter.exampleMinute(r),
                    BatchViewWriter.example(r), BatchViewWriter.stamp(Granularity.MINUTE, runId, writeTime)));
        }

        /** The bind values as a JSON array, instants as epoch milliseconds. */
        private static String json(Object[] values) throws IOException {
            ArrayNode a = JSON.createArrayNode();
            for (Object v : values) {
                if (v instanceof Instant t) {
                    a.add(t.toEpochMilli());
                } else if (v instanceof Long l) {
                    a.add(l);
                } else if (v instanceof Integer i) {
                    a.add(i);
                } else {
                    a.add((String) v);
                }
            }
            return JSON.writeValueAsString(a);
        }
    }

    /** Each table's schema (as the cluster describes it), its upsert and the CQL types of the values staged. */
    private void writeManifest(Path stage) throws IOException {
        CqlSession session = Sessions.get(cassandra);
        String ks = cassandra.keyspace();
        ArrayNode tables = JsonNodeFactory.instance.arrayNode();
        tables.add(table(session, Layer.BATCH.termCounts(), CountUpserts.termInsert(ks, Layer.BATCH), "terms"));
        tables.add(table(session, Layer.BATCH.bucketTotals(), CountUpserts.totalInsert(ks, Layer.BATCH), "totals"));
        tables.add(table(session, Layer.BATCH.termExamples(), ExampleRows.batchInsert(ks), "examples"));
        ObjectNode manifest = JsonNodeFactory.instance.objectNode();
        manifest.set("tables", tables);
        Files.writeString(stage.resolve("manifest.json"), new ObjectMapper().writeValueAsString(manifest));
    }

    private ObjectNode table(CqlSession session, Table table, String insert, String rows) {
        String ks = cassandra.keyspace();
        TableMetadata meta = session.getMetadata().getKeyspace(ks).flatMap(k -> k.getTable(table.name()))
                .orElseThrow(() -> new IllegalStateException("no table " + table.in(ks) + ": run 'trendwatch migrate'"));
        Matcher m = INSERT_COLUMNS.matcher(insert);
        if (!m.find()) {
            throw new IllegalStateException("not an insert with a column list: " + insert);
        }
        ArrayNode types = JsonNodeFactory.instance.arrayNode();
        for (String column : m.group(1).split(",\\s*")) {
            types.add(meta.getColumn(column).orElseThrow().getType().asCql(false, true));
        }
        types.add("bigint").add("int");   // USING TIMESTAMP ? AND TTL ?
        return JsonNodeFactory.instance.objectNode().put("keyspace", ks).put("table", table.name())
                .put("schema", meta.describe(false)).put("insert", insert).put("rows", rows).set("types", types);
    }

    /** Runs the loader on the stage; the rows it reports loaded, summed over the tables. */
    private long runLoader(Path stage) throws IOException, InterruptedException {
        Set<String> hosts = new LinkedHashSet<>();
        int nativePort = 9042;
        for (InetSocketAddress a : cassandra.contactPoints()) {
            hosts.add(a.getHostString());
            nativePort = a.getPort();
        }
        List<String> command = new ArrayList<>(List.of(load.loader().toString(), "--stage", stage.toString(),
                "--hosts", String.join(",", hosts), "--native-port", String.valueOf(nativePort),
                "--storage-port", String.valueOf(load.storagePort())));
        LOG.info("loading the staged rows: {}", String.join(" ", command));
        Path log = stage.getParent().resolve(stage.getFileName() + ".load.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // the login as the layers resolved it (from a mounted file too), never on the command line
        builder.environment().remove("TRENDWATCH_CASSANDRA_USERNAME");
        builder.environment().remove("TRENDWATCH_CASSANDRA_PASSWORD");
        if (cassandra.security().logsIn()) {
            builder.environment().put("TRENDWATCH_CASSANDRA_USERNAME", cassandra.security().username());
            builder.environment().put("TRENDWATCH_CASSANDRA_PASSWORD", cassandra.security().password());
        }
        Process p = builder.start();
        int exit = p.waitFor();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (exit != 0) {
            throw new IllegalStateException("the view loader exited with " + exit + ": "
                    + output.lines().reduce((a, b) -> b).orElse("") + " (its output: " + log + "; the stage is kept "
                    + "for a look: " + stage + ", remove it when done)");
        }
        long rows = 0;
        for (String line : output.lines().toList()) {
            LOG.info("view loader: {}", line);
            Matcher m = LOADED.matcher(line);
            if (m.find()) {
                rows += Long.parseLong(m.group(1));
            }
        }
        Files.delete(log);
        return rows;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
