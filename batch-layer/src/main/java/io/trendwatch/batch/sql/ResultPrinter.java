package io.trendwatch.batch.sql;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * Prints a query's rows as an aligned table, CSV (RFC 4180, with a header) or JSON Lines. Arrays, maps and structs
 * show as JSON in the table and CSV, as values in JSON. At most {@code maxRows} rows are printed; the table says
 * when more were left out.
 */
public final class ResultPrinter {

    public enum Format { TABLE, CSV, JSON }

    private final Format format;
    private final int maxRows;

    public ResultPrinter(Format format, int maxRows) {
        this.format = format;
        this.maxRows = maxRows;
    }

    /** Returns the number of rows printed. */
    public int print(Dataset<Row> result, PrintStream out) throws IOException {
        if (format == Format.JSON) {
            List<String> lines = result.toJSON().takeAsList(maxRows);
            lines.forEach(out::println);
            return lines.size();
        }
        String[] names = result.columns();
        List<Row> rows = asText(result).takeAsList(maxRows + 1);
        boolean more = rows.size() > maxRows;
        List<Row> shown = more ? rows.subList(0, maxRows) : rows;
        if (format == Format.CSV) {
            CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(names).get());
            for (Row r : shown) {
                csv.printRecord(values(r));
            }
            csv.flush();
        } else {
            table(names, shown, out);
            out.println("(" + shown.size() + " row" + (shown.size() == 1 ? "" : "s")
                    + (more ? "; more left out, raise --max-rows or use --format csv" : "") + ")");
        }
        return shown.size();
    }

    /** Every column as text: complex values as JSON, so that a cell is one line. */
    static Dataset<Row> asText(Dataset<Row> result) {
        List<Column> cols = new ArrayList<>();
        for (StructField f : result.schema().fields()) {
            Column c = col("`" + f.name().replace("`", "``") + "`");
            boolean complex = f.dataType() instanceof org.apache.spark.sql.types.ArrayType
                    || f.dataType() instanceof org.apache.spark.sql.types.MapType
                    || f.dataType() instanceof org.apache.spark.sql.types.StructType;
            cols.add((complex ? org.apache.spark.sql.functions.to_json(c) : c.cast("string")).as(f.name()));
        }
        return result.select(cols.toArray(Column[]::new));
    }

    private static List<String> values(Row r) {
        List<String> v = new ArrayList<>(r.length());
        for (int i = 0; i < r.length(); i++) {
            v.add(r.isNullAt(i) ? null : r.getString(i));
        }
        return v;
    }

    private static void table(String[] names, List<Row> rows, PrintStream out) {
        int[] width = Arrays.stream(names).mapToInt(String::length).toArray();
        for (Row r : rows) {
            List<String> v = values(r);
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], cell(v.get(i)).length());
            }
        }
        out.println(line(Arrays.asList(names), width));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            rule.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
        }
        out.println(rule);
        for (Row r : rows) {
            out.println(line(values(r), width));
        }
    }

    private static String line(List<String> cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            String c = cell(cells.get(i));
            b.append(i == 0 ? "" : "  ").append(c).append(" ".repeat(width[i] - c.length()));
        }
        return b.toString().stripTrailing();
    }

    private static String cell(String value) {
        return value == null ? "NULL" : value.replace('\n', ' ').replace('\r', ' ');
    }
}
