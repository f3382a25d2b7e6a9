package io.trendwatch.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Applies the versioned CQL migrations bundled in this module, in order, each
 * at most once. Applied versions and their checksums are recorded in
 * {@code <keyspace>.schema_migrations}; running it again is a no-op, and a
 * migration edited after it was applied is refused. Every statement is
 * {@code IF NOT EXISTS}, so two layers starting at once cannot break it.
 * <p>
 * The driver answers a schema change only after refreshing its metadata, which it gathers for a second. On one
 * node, a migration's statements (each touches a table of its own, {@code SchemaMigratorTest}) are sent together
 * and share that refresh; on more nodes they go one at a time, so that each has reached every node (schema
 * agreement) before the next one, which may reach another node, depends on it.
 */
public final class SchemaMigrator {

    private static final String INDEX = "migrations/index.txt";

    private final CqlSession session;
    private final CassandraSettings settings;
    private final List<Migration> migrations;

    public SchemaMigrator(CqlSession session, CassandraSettings settings) {
        this(session, settings, bundledMigrations());
    }

    SchemaMigrator(CqlSession session, CassandraSettings settings, List<Migration> migrations) {
        this.session = session;
        this.settings = settings;
        this.migrations = migrations.stream().sorted(Comparator.comparingInt(Migration::version)).toList();
    }

    /** The outcome of a run: which versions were applied now and which were already there. */
    public record Result(List<Integer> applied, List<Integer> alreadyApplied) {
    }

    public Result migrate() {
        String ks = settings.keyspace();
        execute("CREATE KEYSPACE IF NOT EXISTS " + ks + " WITH replication = " + settings.replication().toCql()
                + " AND durable_writes = true");
        execute("CREATE TABLE IF NOT EXISTS " + ks + ".schema_migrations ("
                + "version int PRIMARY KEY, description text, checksum text, applied_at timestamp)");
        Map<Integer, String> recorded = appliedChecksums();
        List<Integer> applied = new ArrayList<>();
        List<Integer> already = new ArrayList<>();
        for (Migration m : migrations) {
            String checksum = recorded.get(m.version());
            if (checksum != null) {
                if (!checksum.equals(m.checksum())) {
                    throw new IllegalStateException("migration V" + m.version() + " (" + m.description()
                            + ") was changed after it was applied; add a new migration instead");
                }
                already.add(m.version());
                continue;
            }
            executeAll(m.statements(ks));
            session.execute(SimpleStatement.newInstance(
                    "INSERT INTO " + ks + ".schema_migrations (version, description, checksum, applied_at) "
                            + "VALUES (?, ?, ?, ?)", m.version(), m.description(), m.checksum(), Instant.now()));
            applied.add(m.version());
        }
        return new Result(applied, already);
    }

    /** Versions recorded as applied, with their checksums; empty when the keyspace is new. */
    public Map<Integer, String> appliedChecksums() {
        Map<Integer, String> recorded = new HashMap<>();
        ResultSet rs = session.execute(SimpleStatement.newInstance(
                "SELECT version, checksum FROM " + settings.keyspace() + ".schema_migrations")
                .setConsistencyLevel(DefaultConsistencyLevel.ONE));
        for (Row row : rs) {
            recorded.put(row.getInt("version"), row.getString("checksum"));
        }
        return recorded;
    }

    public List<Migration> migrations() {
        return migrations;
    }

    private void execute(String cql) {
        session.execute(statement(cql));
    }

    private void executeAll(List<String> statements) {
        if (session.getMetadata().getNodes().size() != 1) {
            statements.forEach(this::execute);
            return;
        }
        CompletableFuture<?>[] sent = statements.stream()
                .map(cql -> session.executeAsync(statement(cql)).toCompletableFuture()).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(sent).join();   // completes once every statement has, failed or not
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private static SimpleStatement statement(String cql) {
        return SimpleStatement.newInstance(cql).setTimeout(Duration.ofSeconds(30));
    }

    /** The migrations shipped in this jar, listed in {@value #INDEX} (class paths cannot be listed portably). */
    public static List<Migration> bundledMigrations() {
        List<Migration> list = new ArrayList<>();
        for (String name : read(INDEX).split("\n")) {
            String file = name.strip();
            if (!file.isEmpty() && !file.startsWith("#")) {
                list.add(Migration.of(file, read("migrations/" + file)));
            }
        }
        return list;
    }

    private static String read(String resource) {
        try (InputStream in = SchemaMigrator.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
