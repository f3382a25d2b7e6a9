package io.trendwatch.batch.cli;

import io.trendwatch.batch.sql.AdHocSql;
import io.trendwatch.batch.sql.ResultPrinter;
import io.trendwatch.core.ExitCodes;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.AnalysisException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code trendwatch sql "SELECT …"}: ad-hoc Spark SQL over the master dataset; without a statement, a prompt. */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Ask the master dataset a question in Spark SQL: the table 'posts' (id, platform, author, text, "
                + "language, created_at, hashtags, mentions, urls, source, date) and the function terms(text), the "
                + "text's terms as the views count them. Queries only; nothing is written.",
                "Without a statement, reads statements ending in ';' from standard input (a prompt on a terminal)."},
        footer = {"", "Examples (README, 'Ad-hoc questions'):",
                "  trendwatch sql \"SELECT author, count(*) AS posts FROM posts WHERE date = '2015-09-09' "
                        + "AND array_contains(terms(text), '#np') GROUP BY author ORDER BY posts DESC, author LIMIT 5\"",
                "  trendwatch sql --format csv \"SELECT date_trunc('HOUR', created_at) AS hour, ...\""})
public final class SqlCommand implements Callable<Integer> {

    @Mixin
    BatchOptions options;

    @Parameters(arity = "0..1", paramLabel = "STATEMENT", description = "One query; none: read statements from standard input")
    String statement;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json (JSON Lines) (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--max-rows", defaultValue = "1000", description = "Rows printed at most per statement (default: ${DEFAULT-VALUE})")
    int maxRows;

    @Override
    public Integer call() throws Exception {
        ResultPrinter.Format f;
        try {
            f = ResultPrinter.Format.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("--format must be table, csv or json, got '" + format + "'");
            return ExitCodes.BAD_INPUT;
        }
        if (maxRows < 1) {
            System.err.println("--max-rows must be at least 1, got " + maxRows);
            return ExitCodes.BAD_INPUT;
        }
        ResultPrinter printer = new ResultPrinter(f, maxRows);
        AdHocSql sql;
        try {
            AdHocSql.requireData(options.master());
            sql = new AdHocSql(options.spark(), options.master());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        if (statement != null) {
            return run(sql, printer, statement) ? 0 : 1;
        }
        return interactive(sql, printer);
    }

    private static boolean run(AdHocSql sql, ResultPrinter printer, String statement) throws Exception {
        try {
            printer.print(sql.query(statement), System.out);
            System.out.flush();
            return true;
        } catch (Exception e) {
            // Spark throws its analysis errors undeclared: a bad statement is the user's error, anything else is not
            if (e instanceof AnalysisException || e instanceof SparkThrowable || e instanceof IllegalArgumentException) {
                System.err.println("sql: " + firstLine(e.getMessage()));
                return false;
            }
            throw e;
        }
    }

    /** Statements end with ';'; an error is printed and the next statement runs. Exit 1 if any failed. */
    private static int interactive(AdHocSql sql, ResultPrinter printer) throws Exception {
        boolean terminal = System.console() != null;
        boolean failed = false;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        StringBuilder pending = new StringBuilder();
        if (terminal) {
            System.out.print("sql> ");
            System.out.flush();
        }
        String line;
        while ((line = in.readLine()) != null) {
            pending.append(line).append('\n');
            if (line.strip().endsWith(";")) {
                String s = pending.toString();
                pending.setLength(0);
                if (!s.isBlank() && !s.strip().equals(";")) {
                    failed |= !run(sql, printer, s);
                }
            }
            if (terminal) {
                System.out.print(pending.isEmpty() ? "sql> " : "  -> ");
                System.out.flush();
            }
        }
        if (!pending.toString().isBlank()) {
            failed |= !run(sql, printer, pending.toString());
        }
        return failed ? 1 : 0;
    }

    private static String firstLine(String message) {
        return message == null ? "failed" : message.lines().findFirst().orElse(message);
    }
}
