package io.trendwatch.store;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaMigratorTest {

    private static final Pattern TABLE = Pattern.compile(
            "(?is)^\\s*(?:CREATE\\s+TABLE\\s+IF\\s+NOT\\s+EXISTS|ALTER\\s+TABLE)\\s+ks\\.(\\w+)\\b");

    /** On one node a migration's statements are sent together: none may depend on another of the same migration. */
    @Test
    void eachBundledMigrationTouchesEachTableOnce() {
        List<Migration> migrations = SchemaMigrator.bundledMigrations();
        assertThat(migrations).hasSizeGreaterThanOrEqualTo(7);
        for (Migration m : migrations) {
            assertThat(tables(m)).as("V%d's tables", m.version()).doesNotHaveDuplicates();
        }
    }

    @Test
    void aMigrationThatCreatesAndAltersOneTableIsCaught() {
        Migration m = Migration.of("V099__twice.cql", """
                CREATE TABLE IF NOT EXISTS ${keyspace}.t (k int PRIMARY KEY);
                ALTER TABLE ${keyspace}.t ADD v text;
                """);
        assertThat(tables(m)).containsExactly("t", "t");
    }

    /** The table each statement creates or alters; fails on a statement of another kind. */
    private static List<String> tables(Migration m) {
        List<String> tables = new ArrayList<>();
        for (String statement : m.statements("ks")) {
            Matcher t = TABLE.matcher(statement);
            assertThat(t.find()).as("V%d: a statement that creates or alters one table: %s", m.version(), statement)
                    .isTrue();
            tables.add(t.group(1).toLowerCase(Locale.ROOT));
        }
        return tables;
    }
}
