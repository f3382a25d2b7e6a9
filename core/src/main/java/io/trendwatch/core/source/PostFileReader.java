package io.trendwatch.core.source;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trendwatch.core.post.ParseResult;
import io.trendwatch.core.post.PostCodec;
import io.trendwatch.core.post.RejectReason;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads posts from files in any {@link PostFormat}, handing each record (a
 * post or the reason it was rejected, with its line number) to a consumer.
 * A bad record never stops the file; an unreadable file throws.
 */
public final class PostFileReader {

    private static final Set<String> CSV_LIST_COLUMNS = Set.of("hashtags", "mentions", "urls");
    private static final List<String> CSV_TEXT_COLUMNS =
            List.of("id", "platform", "author", "text", "language", "created_at");

    private final PostCodec codec;

    public PostFileReader(PostCodec codec) {
        this.codec = codec;
    }

    /** Reads every record of {@code file}; returns how many records were read. */
    public long read(Path file, PostFormat format, Consumer<SourceRecord> sink) throws IOException {
        try (InputStream in = open(file)) {
            return switch (format) {
                case JSONL -> readLines(in, (line, bytes) -> codec.parse(bytes), sink);
                case SEMEVAL -> readLines(in, (line, bytes) -> semEval(bytes), sink);
                case CSV -> readCsv(in, sink);
            };
        }
    }

    /** Counts the records a file holds without parsing them (for progress bars). */
    public static long countRecords(Path file, PostFormat format) throws IOException {
        if (format == PostFormat.CSV) {
            try (Reader reader = new InputStreamReader(open(file), StandardCharsets.UTF_8);
                 CSVParser parser = csvFormat().parse(reader)) {
                long n = 0;
                for (CSVRecord ignored : parser) {
                    n++;
                }
                return n;
            }
        }
        try (InputStream in = open(file)) {
            return readLines(in, (line, bytes) -> null, r -> { });
        }
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }

    private ParseResult semEval(byte[] bytes) {
        String line;
        try {
            line = strictUtf8(bytes);
        } catch (CharacterCodingException e) {
            return ParseResult.rejected(RejectReason.INVALID_UTF8, "the line is not valid UTF-8");
        }
        try {
            return ParseResult.accepted(SemEvalTweet.parse(line).toPost());
        } catch (IllegalArgumentException e) {
            return ParseResult.rejected(RejectReason.MALFORMED_LINE, e.getMessage());
        }
    }

    @FunctionalInterface
    private interface LineParser {
        ParseResult parse(long line, byte[] bytes);
    }

    /** Splits on LF (dropping a CR before it); blank lines are skipped, a missing final newline is fine. */
    private static long readLines(InputStream in, LineParser parser, Consumer<SourceRecord> sink) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(512);
        long lineNo = 0;
        long records = 0;
        int b;
        boolean pending = false;
        while ((b = in.read()) != -1) {
            pending = true;
            if (b == '\n') {
                lineNo++;
                records += emit(buf, lineNo, parser, sink);
                buf.reset();
                pending = false;
            } else {
                buf.write(b);
            }
        }
        if (pending) {
            lineNo++;
            records += emit(buf, lineNo, parser, sink);
        }
        return records;
    }

    private static int emit(ByteArrayOutputStream buf, long lineNo, LineParser parser, Consumer<SourceRecord> sink) {
        byte[] bytes = buf.toByteArray();
        int len = bytes.length;
        if (len > 0 && bytes[len - 1] == '\r') {
            bytes = java.util.Arrays.copyOf(bytes, len - 1);
        }
        if (isBlank(bytes)) {
            return 0;
        }
        sink.accept(new SourceRecord(lineNo, parser.parse(lineNo, bytes)));
        return 1;
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte x : bytes) {
            if (x != ' ' && x != '\t') {
                return false;
            }
        }
        return true;
    }

    private long readCsv(InputStream in, Consumer<SourceRecord> sink) throws IOException {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
        try (CSVParser parser = csvFormat().parse(reader)) {
            List<String> header = parser.getHeaderNames();
            for (String required : List.of("id", "text", "created_at")) {
                if (!header.contains(required)) {
                    throw new IOException("CSV header lacks column '" + required + "'; found " + header);
                }
            }
            long records = 0;
            long nextLine = parser.getCurrentLineNumber() + 1;
            for (CSVRecord row : parser) {
                sink.accept(new SourceRecord(nextLine, codec.fromObject(toObject(row, header))));
                nextLine = parser.getCurrentLineNumber() + 1;
                records++;
            }
            return records;
        }
    }

    private static ObjectNode toObject(CSVRecord row, List<String> header) {
        ObjectNode obj = PostCodec.newObject();
        for (String column : header) {
            String value = row.isSet(column) ? row.get(column) : null;
            if (value == null) {
                continue;
            }
            if (CSV_LIST_COLUMNS.contains(column)) {
                ArrayNode list = obj.putArray(column);
                for (String v : value.strip().split("[\\s,]+")) {
                    if (!v.isEmpty()) {
                        list.add(v);
                    }
                }
            } else if (CSV_TEXT_COLUMNS.contains(column) && !(value.isEmpty() && !column.equals("text"))) {
                obj.put(column, value);
            }
        }
        return obj;
    }

    private static CSVFormat csvFormat() {
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(false).get();
    }

    private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }
}
