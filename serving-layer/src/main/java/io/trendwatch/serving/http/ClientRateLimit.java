package io.trendwatch.serving.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.DoSHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A per-client rate limit on the public API (Jetty's {@link DoSHandler}: a leaking bucket per
 * remote address). A client over its rate gets 429 with {@code Retry-After}, so one client
 * cannot take the server's threads and Cassandra's reads from the others.
 */
public final class ClientRateLimit {

    /** Distinct clients tracked at once; more are refused until old ones drain. */
    private static final int MAX_CLIENTS = 10_000;

    private ClientRateLimit() {
    }

    public static DoSHandler handler(int requestsPerSecond) {
        return new DoSHandler(null, DoSHandler.ID_FROM_REMOTE_ADDRESS,
                new DoSHandler.LeakingBucketTrackerFactory(requestsPerSecond), new Reject(requestsPerSecond), MAX_CLIENTS);
    }

    private static final class Reject implements Request.Handler {
        private final byte[] body;

        Reject(int requestsPerSecond) {
            body = ("{\"code\":429,\"message\":\"too many requests from this client: at most " + requestsPerSecond
                    + " per second; retry after the time in Retry-After\"}").getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            response.setStatus(429);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(body), callback);
            return true;
        }
    }
}
