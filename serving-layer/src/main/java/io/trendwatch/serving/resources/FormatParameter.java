package io.trendwatch.serving.resources;

import io.trendwatch.serving.api.CsvTable;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code format=csv} or {@code format=json} on a request for an answer that comes as CSV too (series, trends,
 * sentiment, share, context) stands for the {@code Accept} header, so a link (the dashboard's download buttons, a spreadsheet's
 * import) can ask for CSV; any other value is a 400 naming {@code format}. Other paths keep their own {@code format}
 * (the report's {@code html|pdf}).
 */
@Provider
@PreMatching
public final class FormatParameter implements ContainerRequestFilter {

    private static final Map<String, String> MEDIA = Map.of("csv", CsvTable.MEDIA_TYPE, "json", MediaType.APPLICATION_JSON);

    private static final Pattern CSV_PATHS = Pattern.compile("/?api/v1/(trends|sentiment|share|terms/[^/]+/(series|context))/?");

    /** Whether the request path is one of the answers {@link CsvTable} writes. */
    static boolean appliesTo(String path) {
        return CSV_PATHS.matcher(path).matches();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        List<String> format = request.getUriInfo().getQueryParameters().get("format");
        if (format == null || format.isEmpty() || !appliesTo(request.getUriInfo().getPath())) {
            return;
        }
        String media = format.size() == 1 ? MEDIA.get(format.get(0)) : null;
        if (media == null) {
            throw new BadParameterException("format", "parameter 'format' must be csv or json, got " + format);
        }
        request.getHeaders().putSingle(HttpHeaders.ACCEPT, media);
    }
}
