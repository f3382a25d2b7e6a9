package io.trendwatch.serving.resources;

import com.codahale.metrics.annotation.Timed;
import io.trendwatch.serving.report.ReportBuilder;
import io.trendwatch.serving.report.ReportData;
import io.trendwatch.serving.report.ReportRenderer;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

/** {@code GET /api/v1/report?from=&to=&format=html|pdf&term=}: the managers' report, for the dashboard's link. */
@Path("/api/v1/report")
public final class ReportResource {

    private final ReportBuilder builder;

    public ReportResource(ReportBuilder builder) {
        this.builder = builder;
    }

    @GET
    @Timed
    public Response report(@QueryParam("from") String fromParam, @QueryParam("to") String toParam,
                           @QueryParam("format") String formatParam, @QueryParam("term") List<String> terms) {
        LocalDate from = Params.day(fromParam, "from");
        LocalDate to = Params.day(toParam, "to");
        String format = formatParam == null ? "html" : formatParam;
        if (!format.equals("html") && !format.equals("pdf")) {
            throw new BadParameterException("format", "format must be html or pdf, not '" + format + "'");
        }
        if (to.isBefore(from)) {
            throw new BadParameterException("to", "'to' " + to + " is before 'from' " + from);
        }
        ReportData data;
        try {
            data = builder.build(from, to, terms == null ? List.of() : terms.stream().map(t -> Params.term(t).text()).toList());
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("to", e.getMessage());
        }
        String html = ReportRenderer.html(data);
        String name = "trendwatch-report-" + from + "-" + to;
        if (format.equals("pdf")) {
            return Response.ok(ReportRenderer.pdf(html), "application/pdf")
                    .header("Content-Disposition", "inline; filename=\"" + name + ".pdf\"").build();
        }
        return Response.ok(html.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8").build();
    }
}
