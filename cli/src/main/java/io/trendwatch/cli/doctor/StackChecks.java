package io.trendwatch.cli.doctor;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import io.trendwatch.cli.kafka.KafkaSettings;
import io.trendwatch.core.config.KafkaSecurity;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.CassandraUnavailableException;
import io.trendwatch.store.Migration;
import io.trendwatch.store.Publications;
import io.trendwatch.store.SchemaMigrator;
import io.trendwatch.store.Sessions;
import io.trendwatch.store.models.ModelNames;
import io.trendwatch.store.models.ModelRecord;
import io.trendwatch.store.models.ModelRegistry;
import io.trendwatch.store.models.Promotion;
import io.trendwatch.store.views.SpeedStatus;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What the running product needs: Kafka with its topics, Cassandra with the schema this build expects, a promoted
 * sentiment model whose files are there, a boundary the nightly run published recently, a speed layer that reports
 * progress, and the API answering. A check that needs Cassandra is skipped when Cassandra does not answer: the one
 * problem to fix is then Cassandra.
 */
public final class StackChecks {

    /** Where the layers run and how old the batch and speed answers may be; defaults are the serving layer's. */
    public record Limits(Duration maxBoundaryAge, Duration maxSpeedSilence, String speedQuery, URI api) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final KafkaSettings kafka;
    private final CassandraSettings cassandra;
    private final Limits limits;

    public StackChecks(KafkaSettings kafka, CassandraSettings cassandra, Limits limits) {
        this.kafka = kafka;
        this.cassandra = cassandra;
        this.limits = limits;
    }

    public List<Finding> run() {
        List<Finding> out = new ArrayList<>();
        out.add(ports());
        out.add(kafka());
        Optional<CqlSession> session = Optional.empty();
        try {
            session = Optional.of(Sessions.get(cassandra));
            out.add(Finding.ok("cassandra", cassandra.describeContactPoints() + ", keyspace " + cassandra.keyspace()
                    + ", " + cassandra.consistency()));
        } catch (CassandraUnavailableException e) {
            out.add(Finding.problem("cassandra", "no answer at " + cassandra.describeContactPoints(), e.getMessage()));
        }
        if (session.isEmpty()) {
            for (String check : List.of("schema", "models", "boundary", "speed layer")) {
                out.add(Finding.skipped(check, "needs Cassandra"));
            }
        } else {
            CqlSession s = session.get();
            Finding schema = guarded("schema", () -> schema(s));
            out.add(schema);
            if (schema.isProblem()) {
                for (String check : List.of("models", "boundary", "speed layer")) {
                    out.add(Finding.skipped(check, "needs the schema"));
                }
            } else {
                out.add(guarded("models", () -> models(s)));
                out.add(guarded("boundary", () -> boundary(s, Instant.now())));
                out.add(guarded("speed layer", () -> speed(s, Instant.now())));
            }
        }
        out.add(api());
        return out;
    }

    Finding kafka() {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (Admin admin = Admin.create(KafkaSecurity.fromEnvironment().with(config))) {
            int brokers = admin.describeCluster().nodes().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).size();
            Set<String> topics = admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            String detail = brokers + " broker" + (brokers == 1 ? "" : "s") + " at " + kafka.bootstrapServers();
            if (!topics.contains(kafka.postsTopic())) {
                return Finding.problem("kafka", detail + ", no topic " + kafka.postsTopic() + ": nothing has published posts",
                        "publish some (trendwatch ingest FILE, or trendwatch generate): the first publisher creates it");
            }
            // the dead-letter topic appears with the first malformed post
            return Finding.ok("kafka", detail + ", topic " + kafka.postsTopic()
                    + (topics.contains(kafka.deadLetterTopic()) ? " and " + kafka.deadLetterTopic() : ""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Finding.problem("kafka", "interrupted", "run the doctor again");
        } catch (Exception e) {
            return Finding.problem("kafka", "no answer at " + kafka.bootstrapServers() + " ("
                    + rootMessage(e) + ")", "start it with 'trendwatch infra up' (or set TRENDWATCH_KAFKA to where it runs)");
        }
    }

    Finding schema(CqlSession session) {
        List<Migration> bundled = SchemaMigrator.bundledMigrations();
        int expected = bundled.stream().mapToInt(Migration::version).max().orElse(0);
        if (session.getMetadata().getKeyspace(cassandra.keyspace()).isEmpty()) {
            return Finding.problem("schema", "keyspace " + cassandra.keyspace() + " does not exist",
                    "create it: trendwatch migrate");
        }
        Map<Integer, String> applied = new SchemaMigrator(session, cassandra).appliedChecksums();
        List<Integer> missing = new ArrayList<>();
        List<Integer> changed = new ArrayList<>();
        for (Migration m : bundled) {
            String checksum = applied.get(m.version());
            if (checksum == null) {
                missing.add(m.version());
            } else if (!checksum.equals(m.checksum())) {
                changed.add(m.version());
            }
        }
        if (!changed.isEmpty()) {
            return Finding.problem("schema", "migrations " + changed + " differ from the ones this build ships",
                    "the keyspace was created by another build: use that build, or a new keyspace (TRENDWATCH_KEYSPACE)");
        }
        if (!missing.isEmpty()) {
            return Finding.problem("schema", "version " + (expected - missing.size()) + ", this build needs " + expected
                    + " (missing " + missing + ")", "upgrade it: trendwatch migrate");
        }
        return Finding.ok("schema", "version " + expected + " in keyspace " + cassandra.keyspace());
    }

    Finding models(CqlSession session) {
        ModelRegistry registry = new ModelRegistry(session, cassandra.keyspace());
        Optional<Promotion> sentiment = registry.inUse(ModelNames.SENTIMENT);
        if (sentiment.isEmpty()) {
            return Finding.problem("models", "no sentiment model promoted: every post is counted as unscored",
                    "train and promote one: trendwatch model train-sentiment (see its --help)");
        }
        String version = sentiment.get().version();
        Optional<ModelRecord> record = registry.find(ModelNames.SENTIMENT, version);
        if (record.isEmpty() || record.get().artifact() == null || !Files.isDirectory(Path.of(record.get().artifact()))) {
            return Finding.problem("models", "sentiment " + version + " is promoted but its files are not at "
                    + record.map(ModelRecord::artifact).orElse("(no record)"),
                    "restore them there, or promote another version: trendwatch model list, trendwatch model promote");
        }
        String trend = registry.inUse(ModelNames.TREND).map(Promotion::version).orElse("none yet (the nightly run trains it)");
        return Finding.ok("models", "sentiment " + version + ", trend " + trend);
    }

    Finding boundary(CqlSession session, Instant now) {
        Optional<Publications.Publication> current = new Publications(session, cassandra.keyspace()).current();
        if (current.isEmpty()) {
            return Finding.problem("boundary", "no batch run has published one: every answer comes from the speed layer",
                    "run the nightly recompute: trendwatch batch run (see its --help)");
        }
        Publications.Publication p = current.get();
        Duration age = Duration.between(p.publishedAt(), now);
        String detail = p.boundary() + ", published " + ago(age) + " by run " + p.runId();
        if (age.compareTo(limits.maxBoundaryAge()) > 0) {
            return Finding.problem("boundary", detail, "the nightly run has not published for more than "
                    + span(limits.maxBoundaryAge()) + ": check its last runs (trendwatch batch status, Airflow's "
                    + "trendwatch_nightly) and run it: trendwatch batch run");
        }
        return Finding.ok("boundary", detail);
    }

    Finding speed(CqlSession session, Instant now) {
        Optional<SpeedStatus> status = SpeedStatus.read(session, cassandra.keyspace(), limits.speedQuery());
        if (status.isEmpty()) {
            return Finding.problem("speed layer", "query '" + limits.speedQuery() + "' never reported",
                    "start it: trendwatch speed start");
        }
        SpeedStatus s = status.get();
        Duration silence = s.silence(now);
        if (s.waiting()) {
            return Finding.problem("speed layer", "waiting since " + s.stateSince() + ": " + s.stateDetail(),
                    "start what it waits for (trendwatch infra up locally); it resumes by itself");
        }
        if (silence.compareTo(limits.maxSpeedSilence()) > 0) {
            return Finding.problem("speed layer", "last heartbeat " + ago(silence),
                    "start it (trendwatch speed start) or read its log: it has not reported for more than "
                            + span(limits.maxSpeedSilence()));
        }
        return Finding.ok("speed layer", "heartbeat " + ago(silence) + (s.state() == null ? "" : ", " + s.state()));
    }

    Finding api() {
        URI status = limits.api().resolve("/api/v1/status");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(status).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200
                    ? Finding.ok("api", limits.api() + " answers")
                    : Finding.problem("api", status + " answered HTTP " + r.statusCode(),
                            "read the serving layer's log; GET /healthcheck on its admin port says which check fails");
        } catch (IOException e) {
            return Finding.problem("api", "no answer at " + limits.api(),
                    "start it: trendwatch serve (or set TRENDWATCH_API to where it runs)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Finding.problem("api", "interrupted", "run the doctor again");
        }
    }

    /** A check that fails with a driver error (a timeout, a refused query) is a problem, not a crash of the doctor. */
    private static Finding guarded(String check, java.util.function.Supplier<Finding> body) {
        try {
            return body.get();
        } catch (DriverException | CassandraUnavailableException e) {
            return Finding.problem(check, "Cassandra failed to answer: " + e.getMessage(),
                    "check that Cassandra is up and not overloaded (trendwatch infra status), then run the doctor again");
        }
    }

    static String ago(Duration d) {
        return span(d) + " ago";
    }

    static String span(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 120) {
            return s + " s";
        }
        if (s < 7_200) {
            return s / 60 + " min";
        }
        return s / 3_600 + " h";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Whether anything listens where each service should be, before the checks that speak its protocol. */
    Finding ports() {
        Map<String, List<InetSocketAddress>> services = new java.util.LinkedHashMap<>();
        services.put("kafka", KafkaBootstrap.parse(kafka.bootstrapServers()));
        services.put("cassandra", cassandra.contactPoints());
        int apiPort = limits.api().getPort() < 0 ? 80 : limits.api().getPort();
        services.put("api", List.of(InetSocketAddress.createUnresolved(limits.api().getHost(), apiPort)));
        List<String> open = new ArrayList<>();
        List<String> closed = new ArrayList<>();
        services.forEach((name, addresses) -> addresses.forEach(a ->
                (listens(a) ? open : closed).add(name + " " + a.getHostString() + ":" + a.getPort())));
        if (closed.isEmpty()) {
            return Finding.ok("ports", String.join(", ", open));
        }
        return Finding.problem("ports", "nothing listens at " + String.join(", ", closed),
                "start what is missing: trendwatch infra up (Kafka, Cassandra), trendwatch serve (the API)");
    }

    /** A quick TCP probe, so that the message can say whether anything listens at all. */
    static boolean listens(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.getHostString(), address.getPort()), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
