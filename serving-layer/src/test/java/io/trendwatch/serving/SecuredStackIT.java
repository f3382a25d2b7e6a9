package io.trendwatch.serving;

import org.junit.jupiter.api.extension.ExtendWith;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.trendwatch.core.post.ParseResult;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.post.PostCodec;
import io.trendwatch.core.text.PostTerms;
import io.trendwatch.core.text.Term;
import io.trendwatch.store.CassandraConnector;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.views.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ingest → speed layer → API against a Kafka broker that takes SCRAM-SHA-256 logins only and a
 * Cassandra node with PasswordAuthenticator (`bin/trendwatch infra up` with TW_INFRA_AUTH=on, in a
 * state folder and on ports of its own): every part logs in with the credentials from the
 * environment, and a client without them is refused with a message that says what to set.
 */
@ExtendWith(LayerProcessesLock.class)
class SecuredStackIT {

    private static final Path ROOT = TestApps.ROOT;
    private static final String KAFKA_PASSWORD = "scram-" + Long.toHexString(System.nanoTime());
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void ingestSpeedAndApiLogInToASecuredKafkaAndCassandra(@TempDir Path dir) throws Exception {
        Path home = dir.resolve("secure-home");
        Map<String, String> infra = new HashMap<>(Map.of("TRENDWATCH_HOME", home.toString(),
                "TW_KAFKA_PORT", "29092", "TW_KAFKA_CONTROLLER_PORT", "29093",
                "TW_CASSANDRA_PORT", "29042", "TW_CASSANDRA_STORAGE_PORT", "27000",
                "TW_INFRA_AUTH", "on", "TW_INFRA_PASSWORD", KAFKA_PASSWORD,
                // state thrown away after the test, as the suite's own (bin/test)
                "TW_INFRA_SCHEMA_FLUSH", "off"));
        // the runtimes the suite's own services run from, instead of a second copy
        Path suiteLib = Path.of(System.getenv().getOrDefault("TRENDWATCH_HOME", ROOT.resolve(".trendwatch").toString()), "lib");
        Files.createDirectories(home);
        if (Files.isDirectory(suiteLib)) {
            Files.createSymbolicLink(home.resolve("lib"), suiteLib);
        }
        Map<String, String> client = new HashMap<>(Map.of("TRENDWATCH_HOME", home.toString(),
                "TRENDWATCH_KAFKA", "127.0.0.1:29092", "TRENDWATCH_CASSANDRA", "127.0.0.1:29042",
                "TRENDWATCH_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT", "TRENDWATCH_KAFKA_SASL_MECHANISM", "SCRAM-SHA-256",
                "TRENDWATCH_KAFKA_USERNAME", "trendwatch", "TRENDWATCH_KAFKA_PASSWORD", KAFKA_PASSWORD,
                "TRENDWATCH_CASSANDRA_USERNAME", "cassandra", "TRENDWATCH_CASSANDRA_PASSWORD", "cassandra"));
        try {
            run(dir.resolve("infra-up.log"), infra, "infra", "up");

            // without credentials: refused, and told what to set
            Map<String, String> noLogin = new HashMap<>(client);
            noLogin.remove("TRENDWATCH_CASSANDRA_USERNAME");
            noLogin.remove("TRENDWATCH_CASSANDRA_PASSWORD");
            Result refused = runAllowingFailure(dir.resolve("migrate-refused.log"), noLogin, "migrate");
            assertThat(refused.exit()).isNotZero();
            assertThat(refused.output()).contains("refused the login").contains("TRENDWATCH_CASSANDRA_USERNAME");

            // a generated stream, ingested through the SCRAM listener
            Path posts = dir.resolve("posts.jsonl");
            run(dir.resolve("generate.log"), client, "generate", "--rate", "20", "--duration", "5m", "--seed", "19",
                    "--start", "2016-11-25T12:00:00Z", "--output", posts.toString());
            run(dir.resolve("ingest.log"), client, "ingest", posts.toString());
            Expected expected = Expected.of(posts);

            try (LayerProcess speed = LayerProcess.start(dir.resolve("speed.log"), client,
                    "speed-layer/target/trendwatch-speed-layer.jar", "start", "--checkpoint-dir", dir.resolve("ck").toString());
                 CqlSession session = CassandraConnector.connect(CassandraSettings.fromEnvironment(client))) {
                long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
                while (total(session) != expected.posts) {
                    assertThat(speed.isAlive()).as("speed layer running: %s", speed.tail()).isTrue();
                    assertThat(System.nanoTime()).as("counted in time: %s", speed.tail()).isLessThan(deadline);
                    Thread.sleep(1000);
                }

                DropwizardTestSupport<ServingConfiguration> api = new DropwizardTestSupport<>(ServingApplication.class,
                        ROOT.resolve("serving-layer/config.yml").toString(),
                        ConfigOverride.config("cassandra.contactPoints", "127.0.0.1:29042"),
                        ConfigOverride.config("cassandra.username", "cassandra"),
                        ConfigOverride.config("cassandra.password", "cassandra"),
                        ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                        ConfigOverride.config("server.adminConnectors[0].port", "0"));
                api.before();
                try {
                    HttpClient http = HttpClient.newHttpClient();
                    for (Map.Entry<String, Long> e : expected.topHashtags(5).entrySet()) {
                        String url = "http://127.0.0.1:" + api.getLocalPort() + "/api/v1/terms/"
                                + URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                                + "/series?from=2016-11-25T00:00:00Z&to=2016-11-26T00:00:00Z&step=day";
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                        long answered = 0;
                        for (JsonNode p : JSON.readTree(r.body()).get("points")) {
                            answered += p.get("posts").asLong();
                        }
                        System.out.printf("SecuredStackIT: %s: %d posts counted in the file, %d answered by the API%n",
                                e.getKey(), e.getValue(), answered);
                        assertThat(answered).as(e.getKey()).isEqualTo(e.getValue());
                    }
                } finally {
                    api.after();
                }
                speed.close();
            }
        } finally {
            runAllowingFailure(dir.resolve("infra-down.log"), infra, "infra", "down");
            // the link only: the suite's runtimes stay where they are
            Files.deleteIfExists(home.resolve("lib"));
        }
    }

    private static long total(CqlSession session) {
        try {
            long n = 0;
            for (Row r : session.execute("SELECT posts FROM " + Tables.SPEED_BUCKET_TOTALS.in("trendwatch"))) {
                n += r.getLong(0);
            }
            return n;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** The file's distinct posts, and per hashtag the posts that hold it: counted here, without the layers. */
    private record Expected(long posts, Map<String, Long> hashtags) {
        static Expected of(Path file) throws IOException {
            PostCodec codec = new PostCodec();
            Set<String> ids = new HashSet<>();
            Map<String, Long> tags = new HashMap<>();
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank() || !(codec.parse(line) instanceof ParseResult.Accepted a) || !ids.add(a.post().id())) {
                    continue;
                }
                Post p = a.post();
                for (Term t : PostTerms.of(p)) {
                    if (t.text().startsWith("#")) {
                        tags.merge(t.text(), 1L, Long::sum);
                    }
                }
            }
            return new Expected(ids.size(), tags);
        }

        Map<String, Long> topHashtags(int n) {
            Map<String, Long> top = new java.util.LinkedHashMap<>();
            hashtags.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
                    .forEach(e -> top.put(e.getKey(), e.getValue()));
            return top;
        }
    }

    private record Result(int exit, String output) {
    }

    private static void run(Path log, Map<String, String> env, String... args) throws Exception {
        Result r = runAllowingFailure(log, env, args);
        assertThat(r.exit()).as("bin/trendwatch %s:%n%s", String.join(" ", args), r.output()).isZero();
    }

    private static Result runAllowingFailure(Path log, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(ROOT.resolve("bin/trendwatch").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        // the suite's own stack is not this one
        pb.environment().keySet().removeIf(k -> k.startsWith("TW_") || k.startsWith("TRENDWATCH_KAFKA")
                || k.startsWith("TRENDWATCH_CASSANDRA"));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("bin/trendwatch " + String.join(" ", args) + " still running after 5 minutes");
        }
        return new Result(p.exitValue(), Files.readString(log));
    }
}
