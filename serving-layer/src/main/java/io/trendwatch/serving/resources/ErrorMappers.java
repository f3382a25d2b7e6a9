package io.trendwatch.serving.resources;

import com.datastax.oss.driver.api.core.DriverException;
import io.trendwatch.serving.api.ErrorMessage;
import io.trendwatch.store.CassandraUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Bad parameters → 400 naming the parameter; Cassandra away or no room for the work → 503. All as JSON. */
public final class ErrorMappers {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMappers.class);

    private ErrorMappers() {
    }

    public static final class BadParameter implements ExceptionMapper<BadParameterException> {
        @Override
        public Response toResponse(BadParameterException e) {
            return json(400, new ErrorMessage(400, e.getMessage(), e.parameter()));
        }
    }

    public static final class CassandraDown implements ExceptionMapper<CassandraUnavailableException> {
        @Override
        public Response toResponse(CassandraUnavailableException e) {
            return json(503, new ErrorMessage(503, e.getMessage(), null));
        }
    }

    public static final class Busy implements ExceptionMapper<ServerBusyException> {
        @Override
        public Response toResponse(ServerBusyException e) {
            return Response.status(503).type(MediaType.APPLICATION_JSON_TYPE).header("Retry-After", e.retryAfterSeconds())
                    .entity(new ErrorMessage(503, e.getMessage(), null)).build();
        }
    }

    /** Any driver failure (no node available, timeouts) while Cassandra is down or restarting. */
    public static final class Driver implements ExceptionMapper<DriverException> {
        @Override
        public Response toResponse(DriverException e) {
            LOG.warn("Cassandra request failed: {}", e.toString());
            return json(503, new ErrorMessage(503, "Cassandra is unavailable: " + e.getMessage(), null));
        }
    }

    private static Response json(int status, ErrorMessage body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
