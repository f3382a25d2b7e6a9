package io.trendwatch.store.views;

import io.trendwatch.store.Migration;
import io.trendwatch.store.SchemaMigrator;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract in {@link Tables} against the schema that the bundled CQL migrations build. */
class TablesMatchMigrationsTest {

    private static final Pattern CREATE = Pattern.compile(
            "CREATE TABLE IF NOT EXISTS ks\\.(\\w+) \\((.*)\\)[^)]*", Pattern.DOTALL);
    private static final Pattern ALTER = Pattern.compile("ALTER TABLE ks\\.(\\w+) ADD \\(?([^)]*)\\)?", Pattern.DOTALL);

    @Test
    void everyTableHasTheColumnsTheMigrationsGiveIt() {
        Map<String, Set<String>> schema = schema();
        Map<String, Set<String>> contract = new LinkedHashMap<>();
        Tables.all().forEach(t -> contract.put(t.name(), new TreeSet<>(t.columns())));
        Tables.RETIRED.forEach(schema::remove);

        assertThat(contract).isEqualTo(schema);
    }

    @Test
    void theSchemaReadFromTheMigrationsIsComplete() {
        // guards the parser above: a table that V001 creates and V002, V003 and V005 alter
        assertThat(schema().get("speed_status")).contains("query", "lag_records", "rows_written", "watermark", "lost_records");
        assertThat(schema().get("batch_boundary")).contains("scope", "baselines_run");
        assertThat(schema().keySet()).containsAll(Tables.RETIRED);
    }

    @Test
    void aStatementNamingAColumnTheTableLacksIsRefused() {
        assertThatThrownBy(() -> Tables.SPEED_TERM_COUNTS.insert("ks", "term, step, run_id"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no column 'run_id'");
        assertThatThrownBy(() -> Tables.BATCH_RUNS.select("ks", "status", "runid = ?"))
                .hasMessageContaining("no column 'runid'");
        assertThat(Tables.SPEED_TERM_COUNTS.insert("ks", "term, step", "USING TTL ?"))
                .isEqualTo("INSERT INTO ks.speed_term_counts (term, step) VALUES (?, ?) USING TTL ?");
        assertThat(Tables.BATCH_RUNS.select("ks", "count(*)", "status = 'running' LIMIT 1"))
                .isEqualTo("SELECT count(*) FROM ks.batch_runs WHERE status = 'running' LIMIT 1");
    }

    /** Table → columns, as the migrations leave them. */
    private static Map<String, Set<String>> schema() {
        Map<String, Set<String>> tables = new LinkedHashMap<>();
        for (Migration m : SchemaMigrator.bundledMigrations()) {
            for (String stmt : m.statements("ks")) {
                Matcher create = CREATE.matcher(stmt);
                Matcher alter = ALTER.matcher(stmt);
                if (create.matches()) {
                    Set<String> cols = new LinkedHashSet<>();
                    for (String def : create.group(2).split(",\\s*\n")) {
                        String d = def.strip();
                        if (!d.startsWith("PRIMARY KEY")) {
                            cols.add(d.split("\\s+")[0]);
                        }
                    }
                    tables.put(create.group(1), new TreeSet<>(cols));
                } else if (alter.matches()) {
                    for (String def : alter.group(2).split(",")) {
                        tables.get(alter.group(1)).add(def.strip().split("\\s+")[0]);
                    }
                } else {
                    throw new AssertionError("a migration statement this test cannot read: " + stmt);
                }
            }
        }
        return tables;
    }
}
