package io.trendwatch.serving.resources;

import io.trendwatch.serving.api.CsvTable;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the series, trends and sentiment answers as CSV (RFC 4180, UTF-8, with a header) when a client asks for
 * {@code text/csv}, as a download named after the answer. The table is {@link CsvTable}'s, the numbers the JSON's.
 */
@Provider
@Produces(CsvTable.MEDIA_TYPE)
public final class CsvWriter implements MessageBodyWriter<Object> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return CsvTable.writes(type) && mediaType.isCompatible(MediaType.valueOf(CsvTable.MEDIA_TYPE));
    }

    @Override
    public void writeTo(Object answer, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        CsvTable table = CsvTable.of(answer);
        headers.putSingle("Content-Type", CsvTable.MEDIA_TYPE + "; charset=utf-8");
        headers.putSingle("Content-Disposition", "attachment; filename=\"" + table.name() + "\"");
        OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(table.header().toArray(String[]::new)).get());
        for (List<String> row : table.rows()) {
            csv.printRecord(row);
        }
        // the container owns the stream: flush, never close it
        csv.flush();
    }
}
