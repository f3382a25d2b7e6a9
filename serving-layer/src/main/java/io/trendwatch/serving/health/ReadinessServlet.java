package io.trendwatch.serving.health;

import com.codahale.metrics.health.HealthCheck;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * {@code GET /ready} on the admin port: 200 while the API can answer (Cassandra
 * reachable), 503 otherwise; what a load balancer or a readiness probe asks.
 * A stale boundary or a silent speed layer is an alert ({@code /healthcheck}),
 * not a reason to stop serving what there is.
 */
public final class ReadinessServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private final transient HealthCheck cassandra;

    public ReadinessServlet(HealthCheck cassandra) {
        this.cassandra = cassandra;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HealthCheck.Result r = cassandra.execute();
        response.setStatus(r.isHealthy() ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("text/plain");
        response.setHeader("Cache-Control", "must-revalidate,no-cache,no-store");
        response.getWriter().println(r.isHealthy() ? "ready" : "not ready: " + r.getMessage());
    }
}
