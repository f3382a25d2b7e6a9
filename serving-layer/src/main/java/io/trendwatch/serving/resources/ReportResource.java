package io.trendwatch.serving.resources;

import com.codahale.metrics.annotation.Timed;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.trendwatch.serving.db.Futures;
import io.trendwatch.serving.report.ReportBuilder;
import io.trendwatch.serving.report.ReportData;
import io.trendwatch.serving.report.ReportRenderer;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/v1/report?from=&to=&format=html|pdf&term=}: the managers' report, for the dashboard's link.
 * A report is the costliest answer (hundreds of series, a PDF), so the work is bounded: identical
 * requests share one rendering and reuse it for a minute, at most two render at once with a few
 * waiting, and a request beyond that is a 503 with {@code Retry-After}.
 */
@Path("/api/v1/report")
public final class ReportResource {

    static final int MAX_TERMS = 20;
    private static final int RENDERERS = 2;
    private static final int WAITING = 4;

    private final ReportBuilder builder;
    private final ThreadPoolExecutor renderers = new ThreadPoolExecutor(RENDERERS, RENDERERS, 1, TimeUnit.MINUTES,
            new ArrayBlockingQueue<>(WAITING), r -> {
                Thread t = new Thread(r, "report-render");
                t.setDaemon(true);
                return t;
            });
    private final AsyncCache<Key, byte[]> rendered = Caffeine.newBuilder()
            .maximumSize(32).expireAfterWrite(Duration.ofMinutes(1)).buildAsync();

    private record Key(LocalDate from, LocalDate to, String format, List<String> terms) {
    }

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
            throw new BadParameterException("format", "parameter 'format' must be html or pdf, got '" + Params.shown(format) + "'");
        }
        if (to.isBefore(from)) {
            throw new BadParameterException("to", "parameter 'to' (" + to + ") is before 'from' (" + from + ")");
        }
        List<String> chosen = terms == null ? List.of() : terms;
        if (chosen.size() > MAX_TERMS) {
            throw new BadParameterException("term", "parameter 'term' may be given at most " + MAX_TERMS + " times, got " + chosen.size());
        }
        List<String> normalised = chosen.stream().map(t -> Params.term(t).text()).toList();
        if (java.time.temporal.ChronoUnit.DAYS.between(from, to) + 1 > ReportBuilder.MAX_DAYS) {
            throw new BadParameterException("to", "parameter 'to': a report covers at most " + ReportBuilder.MAX_DAYS + " days, from "
                    + from + " to " + to + " are " + (java.time.temporal.ChronoUnit.DAYS.between(from, to) + 1));
        }
        Key key = new Key(from, to, format, normalised);
        byte[] body;
        try {
            body = Futures.join(rendered.get(key, (k, executor) -> CompletableFuture.supplyAsync(() -> render(k), renderers)));
        } catch (RuntimeException e) {
            if (!(e instanceof RejectedExecutionException) && !(e.getCause() instanceof RejectedExecutionException)) {
                throw e;
            }
            throw new ServerBusyException("the server is rendering as many reports as it can; retry in a few seconds", 10);
        }
        String name = "trendwatch-report-" + from + "-" + to;
        if (format.equals("pdf")) {
            return Response.ok(body, "application/pdf").header("Content-Disposition", "inline; filename=\"" + name + ".pdf\"").build();
        }
        return Response.ok(body, "text/html; charset=utf-8").build();
    }

    private byte[] render(Key k) {
        ReportData data = builder.build(k.from(), k.to(), k.terms());
        String html = ReportRenderer.html(data);
        return k.format().equals("pdf") ? ReportRenderer.pdf(html) : html.getBytes(StandardCharsets.UTF_8);
    }
}
