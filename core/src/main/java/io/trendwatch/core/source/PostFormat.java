package io.trendwatch.core.source;

import java.nio.file.Path;
import java.util.Locale;

/** File layouts that hold posts. */
public enum PostFormat {
    /** One wire-format JSON object per line. */
    JSONL,
    /** A header row naming the wire-format fields; entity columns are space-separated. */
    CSV,
    /** The SemEval-2017 Task 4 TSV layout. */
    SEMEVAL;

    /** Guesses the layout from the file name: .jsonl/.json/.ndjson, .csv, .tsv/.txt. */
    public static PostFormat detect(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return JSONL;
        }
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (name.endsWith(".tsv") || name.endsWith(".txt")) {
            return SEMEVAL;
        }
        throw new IllegalArgumentException("cannot tell the format of " + file
                + " from its name; pass --format jsonl|csv|semeval");
    }

    public static PostFormat parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown format '" + s + "', expected jsonl, csv or semeval");
        }
    }
}
