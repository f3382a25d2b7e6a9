package io.trendwatch.serving.alerts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** POSTs one message to one webhook; a 2xx answer is a delivery, anything else a reason to try again later. */
public final class WebhookSender {

    private final HttpClient client;
    private final Duration timeout;

    public WebhookSender(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Empty when the receiver accepted the message, else why it was not delivered. */
    public Optional<String> send(String url, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json").header("User-Agent", "trendwatch-alerts")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status / 100 == 2 ? Optional.empty() : Optional.of("HTTP " + status);
        } catch (IOException e) {
            return Optional.of(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }
}
