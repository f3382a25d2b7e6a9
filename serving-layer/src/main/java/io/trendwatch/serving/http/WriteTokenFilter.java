package io.trendwatch.serving.http;

import io.trendwatch.serving.api.ErrorMessage;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The public API reads freely; a {@link WriteAccess} method (a watchlist change) needs the write token, {@code
 * Authorization: Bearer TOKEN}. Without a configured token every change is refused (403); a missing or wrong token is
 * answered 401. Tokens are compared in constant time.
 */
@WriteAccess
@Priority(Priorities.AUTHENTICATION)
public final class WriteTokenFilter implements ContainerRequestFilter {

    private final byte[] token;

    public WriteTokenFilter(String token) {
        this.token = token == null ? new byte[0] : token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (token.length == 0) {
            request.abortWith(refusal(403, "changes are off: the serving layer was started without a write token "
                    + "(set TRENDWATCH_WRITE_TOKEN)").build());
            return;
        }
        if (!MessageDigest.isEqual(token, AdminTokenFilter.presented(request.getHeaderString(HttpHeaders.AUTHORIZATION)))) {
            request.abortWith(refusal(401, "changes need the write token: Authorization: Bearer $TRENDWATCH_WRITE_TOKEN")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"trendwatch\"").build());
        }
    }

    private static Response.ResponseBuilder refusal(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorMessage(status, message, null));
    }
}
