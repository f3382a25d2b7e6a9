package io.trendwatch.serving.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.trendwatch.serving.ServingConfiguration;
import io.trendwatch.serving.TestApps;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The serving layer's protections, on the real application with the shipped config.yml: the admin
 * connector listens on the loopback only, its tasks need the admin token, and one client over its
 * rate gets 429 with {@code Retry-After}. Traffic goes to 127.0.0.1 only.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ServingProtectionIT {

    private static final String TOKEN = "s3cret-admin-token";
    private static final int RATE = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    static final DropwizardAppExtension<ServingConfiguration> APP = TestApps.app("tw_protection_it",
            ConfigOverride.config("adminToken", TOKEN),
            ConfigOverride.config("requestsPerSecondPerClient", String.valueOf(RATE)));

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void adminConnectorListensOnTheLoopbackOnlyByDefault() {
        // the configuration as shipped (TRENDWATCH_ADMIN_BIND unset in the suite)
        var admin = (HttpConnectorFactory) ((DefaultServerFactory) APP.getConfiguration().getServerFactory()).getAdminConnectors().get(0);
        assertThat(admin.getBindHost()).isEqualTo("127.0.0.1");
        // and the socket the server bound
        Connector[] connectors = APP.getEnvironment().getAdminContext().getServer().getConnectors();
        List<String> bound = new ArrayList<>();
        for (Connector c : connectors) {
            ServerConnector sc = (ServerConnector) c;
            InetSocketAddress local;
            try {
                local = (InetSocketAddress) ((ServerSocketChannel) sc.getTransport()).getLocalAddress();
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            bound.add(sc.getName() + "=" + local.getAddress().getHostAddress() + ":" + local.getPort());
            if (local.getPort() == APP.getAdminPort()) {
                assertThat(local.getAddress().isLoopbackAddress()).as("admin socket %s", local).isTrue();
                assertThat(local.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            }
        }
        assertThat(bound).anyMatch(b -> b.endsWith("127.0.0.1:" + APP.getAdminPort()));
    }

    @Test
    void adminTasksNeedTheToken() throws Exception {
        assertThat(clearCaches(null).statusCode()).isEqualTo(401);
        assertThat(clearCaches("Bearer wrong-" + TOKEN).statusCode()).isEqualTo(401);
        assertThat(clearCaches("Basic " + Base64.getEncoder().encodeToString("admin:nope".getBytes(StandardCharsets.UTF_8)))
                .statusCode()).isEqualTo(401);
        HttpResponse<String> refused = clearCaches(null);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(JSON.readTree(refused.body()).path("message").asText()).contains("TRENDWATCH_ADMIN_TOKEN");

        HttpResponse<String> ok = clearCaches("Bearer " + TOKEN);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("caches cleared");
        assertThat(clearCaches("Basic " + Base64.getEncoder().encodeToString(("admin:" + TOKEN).getBytes(StandardCharsets.UTF_8)))
                .statusCode()).isEqualTo(200);
        // health and metrics stay readable for probes and scrapers
        assertThat(get("http://127.0.0.1:" + APP.getAdminPort() + "/ping").statusCode()).isEqualTo(200);
    }

    @Test
    void aClientOverItsRateGets429WithRetryAfter() throws Exception {
        Map<Integer, Integer> statuses = new TreeMap<>();
        HttpResponse<String> limited = null;
        // far more than RATE requests within about a second
        for (int i = 0; i < 10 * RATE; i++) {
            HttpResponse<String> r = get("http://127.0.0.1:" + APP.getLocalPort() + "/api/v1/topics?day=2016-11-25");
            statuses.merge(r.statusCode(), 1, Integer::sum);
            if (r.statusCode() == 429 && limited == null) {
                limited = r;
            }
        }
        System.out.println("ServingProtectionIT: " + 10 * RATE + " requests at once, answers by status " + statuses);
        assertThat(statuses.keySet()).containsOnly(200, 429);
        assertThat(statuses.get(200)).isGreaterThanOrEqualTo(1);
        assertThat(limited).isNotNull();
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
        JsonNode body = JSON.readTree(limited.body());
        assertThat(body.path("code").asInt()).isEqualTo(429);
        assertThat(body.path("message").asText()).contains(RATE + " per second");
        // the limit is a rate, not a ban: after a pause the client is served again
        Thread.sleep(2_000);
        assertThat(get("http://127.0.0.1:" + APP.getLocalPort() + "/api/v1/topics?day=2016-11-25").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> clearCaches(String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getAdminPort() + "/tasks/clear-caches"))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
