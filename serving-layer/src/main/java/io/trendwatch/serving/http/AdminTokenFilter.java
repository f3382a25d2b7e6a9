package io.trendwatch.serving.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Admin tasks change the server's state, so they need the admin token: {@code Authorization:
 * Bearer TOKEN}, or basic auth with any user name and the token as password (for a browser).
 * Without a configured token every task is refused. Tokens are compared in constant time.
 */
public final class AdminTokenFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private final byte[] token;

    public AdminTokenFilter(String token) {
        this.token = token == null ? new byte[0] : token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (token.length == 0) {
            refuse(response, 403, "admin tasks are off: the serving layer was started without an admin token "
                    + "(set TRENDWATCH_ADMIN_TOKEN)");
            return;
        }
        if (!MessageDigest.isEqual(token, presented(request.getHeader("Authorization")))) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"trendwatch-admin\", Basic realm=\"trendwatch-admin\"");
            refuse(response, 401, "admin tasks need the admin token: Authorization: Bearer $TRENDWATCH_ADMIN_TOKEN");
            return;
        }
        chain.doFilter(request, response);
    }

    /** The token a request presents, or nothing. */
    static byte[] presented(String authorization) {
        if (authorization == null) {
            return new byte[0];
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String userAndPassword = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = userAndPassword.indexOf(':');
                return colon < 0 ? new byte[0] : userAndPassword.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return new byte[0];
            }
        }
        return new byte[0];
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream().write(("{\"code\":" + status + ",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
