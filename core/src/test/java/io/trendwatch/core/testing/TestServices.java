package io.trendwatch.core.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Services of a test's own, started and stopped with {@code bin/trendwatch infra} as the suite's are ({@link OwnKafka}):
 * no test stops the suite's Kafka or Cassandra, which the other tests use (one that needs Cassandra away from the
 * process it tests puts a {@link LoopbackProxy} between them).
 */
public final class TestServices {

    private static final Path ROOT = Path.of(System.getProperty("trendwatch.root", "..")).toAbsolutePath().normalize();

    private TestServices() {
    }

    private static void infra(String action, String service, Map<String, String> env) throws IOException, InterruptedException {
        Path log = Files.createTempFile("infra-" + action + "-" + service, ".log");
        ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("bin/trendwatch").toString(), "infra", action, service)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(4, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError("bin/trendwatch infra " + action + " " + service + " failed:\n" + Files.readString(log));
        }
        System.out.println("infra " + action + " " + service + ": " + Files.readString(log).strip().replace('\n', ' '));
    }

    /**
     * A Kafka broker of one test's own: the suite's runtime, a state folder and ports of its own, started and stopped
     * by {@code bin/trendwatch infra} as the suite's is. A test that stops it takes the broker away from the process
     * it tests alone (a broker names its own address to its clients, so no proxy can).
     */
    public static final class OwnKafka implements AutoCloseable {

        private final Map<String, String> env;
        private final String bootstrap;

        private OwnKafka(Map<String, String> env, String bootstrap) {
            this.env = env;
            this.bootstrap = bootstrap;
        }

        public static OwnKafka start() throws IOException, InterruptedException {
            Path home = Files.createTempDirectory("tw-own-kafka");
            // the suite's runtime, fetched once into its state folder
            Path suiteLib = Path.of(System.getenv().getOrDefault("TRENDWATCH_HOME", ROOT.resolve(".trendwatch").toString()), "lib");
            if (Files.isDirectory(suiteLib)) {
                Files.createSymbolicLink(home.resolve("lib"), suiteLib.toAbsolutePath());
            }
            int port = freePort();
            String bootstrap = "127.0.0.1:" + port;
            OwnKafka kafka = new OwnKafka(Map.of("TRENDWATCH_HOME", home.toString(), "TW_KAFKA_PORT", Integer.toString(port),
                    "TW_KAFKA_CONTROLLER_PORT", Integer.toString(freePort()), "TRENDWATCH_KAFKA", bootstrap), bootstrap);
            kafka.up();
            return kafka;
        }

        public String bootstrap() {
            return bootstrap;
        }

        public void up() throws IOException, InterruptedException {
            infra("up", "kafka", env);
        }

        public void down() throws IOException, InterruptedException {
            infra("down", "kafka", env);
        }

        @Override
        public void close() throws IOException, InterruptedException {
            down();
        }

        private static int freePort() throws IOException {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            }
        }
    }
}
