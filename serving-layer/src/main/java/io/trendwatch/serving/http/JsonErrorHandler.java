package io.trendwatch.serving.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trendwatch.serving.api.ErrorMessage;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Errors that Jetty answers before any resource sees the request (a path with an encoded
 * slash or dot segment, bytes that are not UTF-8, a request line too long) are answered
 * as JSON like every other error, naming the part of the request at fault: the term for
 * {@code /api/v1/terms/{term}/…}, else the path, or the URI when not even the path could be read.
 */
public final class JsonErrorHandler extends ErrorHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TERMS_PATH = "/api/v1/terms/";
    /** The path Jetty gives a request whose request line it could not read at all (e.g. a NUL byte). */
    private static final String UNREADABLE = "/badMessage";

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        String part = partAtFault(request == null ? null : request.getHttpURI());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(code, part, message)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status, "uri", reason));
    }

    static String partAtFault(HttpURI uri) {
        String path = uri == null ? null : uri.getPath();
        if (path == null || path.equals(UNREADABLE)) {
            return "uri";
        }
        return path.startsWith(TERMS_PATH) ? "term" : "path";
    }

    private static byte[] body(int code, String part, String reason) {
        String why = reason == null || reason.isBlank() ? "the request cannot be read" : reason;
        String message = "parameter '" + part + "': " + why + ("term".equals(part)
                ? " (write the term in the path percent-encoded, without '/', '\\' or control characters, or ask /api/v1/sentiment?term=)"
                : "");
        try {
            return JSON.writeValueAsBytes(new ErrorMessage(code, message, part));
        } catch (JsonProcessingException e) {
            return ("{\"code\":" + code + "}").getBytes(StandardCharsets.UTF_8);
        }
    }
}
