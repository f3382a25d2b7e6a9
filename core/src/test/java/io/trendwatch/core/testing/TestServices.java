package io.trendwatch.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Stops and starts the suite's own Kafka or Cassandra (`bin/trendwatch infra down|up SERVICE`, same state folder and ports). */
public final class TestServices {

    private static final Path ROOT = Path.of(System.getProperty("trendwatch.root", "..")).toAbsolutePath().normalize();

    private TestServices() {
    }

    public static void stop(String service) throws IOException, InterruptedException {
        infra("down", service);
    }

    public static void start(String service) throws IOException, InterruptedException {
        infra("up", service);
    }

    private static void infra(String action, String service) throws IOException, InterruptedException {
        Path log = Files.createTempFile("infra-" + action + "-" + service, ".log");
        Process p = new ProcessBuilder(ROOT.resolve("bin/trendwatch").toString(), "infra", action, service)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(4, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError("bin/trendwatch infra " + action + " " + service + " failed:\n" + Files.readString(log));
        }
        System.out.println("infra " + action + " " + service + ": " + Files.readString(log).strip().replace('\n', ' '));
    }
}
