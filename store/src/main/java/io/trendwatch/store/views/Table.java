package io.trendwatch.store.views;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Cassandra table as the code knows it: its name and its columns. Statements are built here, and every column a
 * statement names must be one of the table's, so a column renamed in the contract but not where it is used fails at
 * the first statement built, and one renamed in the migrations only fails {@code TablesMatchMigrationsTest}.
 * Column names are lower case and CQL keywords upper case, as the migrations write them.
 */
public final class Table {

    private static final Pattern IDENTIFIER = Pattern.compile("\\b[a-z_][a-z0-9_]*\\b(?!\\s*\\()");
    private static final Pattern LITERAL = Pattern.compile("'[^']*'");

    private final String name;
    private final List<String> columns;
    private final Set<String> known;

    Table(String name, String... columns) {
        this.name = name;
        this.columns = List.of(columns);
        this.known = new LinkedHashSet<>(this.columns);
        if (known.size() != columns.length) {
            throw new IllegalArgumentException("table " + name + " lists a column twice");
        }
    }

    public String name() {
        return name;
    }

    public List<String> columns() {
        return columns;
    }

    /** {@code keyspace.table}. */
    public String in(String keyspace) {
        return keyspace + "." + name;
    }

    /** {@code INSERT INTO keyspace.table (columns) VALUES (?, …)}, columns comma-separated. */
    public String insert(String keyspace, String columns) {
        return insert(keyspace, columns, "");
    }

    /** As {@link #insert(String, String)}, followed by {@code options} (for example {@code USING TIMESTAMP ?}). */
    public String insert(String keyspace, String columns, String options) {
        List<String> cols = check(columns);
        String marks = String.join(", ", java.util.Collections.nCopies(cols.size(), "?"));
        String cql = "INSERT INTO " + in(keyspace) + " (" + String.join(", ", cols) + ") VALUES (" + marks + ")";
        return options.isBlank() ? cql : cql + " " + options.strip();
    }

    /** {@code SELECT columns FROM keyspace.table [WHERE condition]} (the condition may end in {@code LIMIT n}). */
    public String select(String keyspace, String columns, String condition) {
        check(columns);
        check(condition);
        return "SELECT " + columns.strip() + " FROM " + in(keyspace) + (condition.isBlank() ? "" : " WHERE " + condition.strip());
    }

    /** {@code UPDATE keyspace.table SET assignments WHERE condition}. */
    public String update(String keyspace, String assignments, String condition) {
        check(assignments);
        check(condition);
        return "UPDATE " + in(keyspace) + " SET " + assignments.strip() + " WHERE " + condition.strip();
    }

    /** {@code DELETE FROM keyspace.table WHERE condition}. */
    public String delete(String keyspace, String condition) {
        return delete(keyspace, "", condition);
    }

    /** {@code DELETE FROM keyspace.table options WHERE condition} (for example {@code USING TIMESTAMP ?}). */
    public String delete(String keyspace, String options, String condition) {
        check(condition);
        return "DELETE FROM " + in(keyspace) + (options.isBlank() ? "" : " " + options.strip()) + " WHERE " + condition.strip();
    }

    /**
     * The lower-case words of {@code cql} outside string literals and function names ({@code count(*)}), each of
     * which must be a column of this table.
     */
    List<String> check(String cql) {
        List<String> found = new ArrayList<>();
        Matcher m = IDENTIFIER.matcher(LITERAL.matcher(cql).replaceAll("''"));
        while (m.find()) {
            if (!known.contains(m.group())) {
                throw new IllegalArgumentException("table " + name + " has no column '" + m.group() + "' (it has " + columns + ")");
            }
            found.add(m.group());
        }
        return found;
    }

    @Override
    public String toString() {
        return name + columns;
    }
}
