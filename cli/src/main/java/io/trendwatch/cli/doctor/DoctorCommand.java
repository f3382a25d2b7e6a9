package io.trendwatch.cli.doctor;

import io.trendwatch.store.cli.ApiOption;
import io.trendwatch.store.cli.KeyspaceOption;
import io.trendwatch.cli.kafka.KafkaSettings;
import io.trendwatch.core.config.LocalFolders;
import io.trendwatch.core.time.Durations;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.Publications;
import io.trendwatch.store.views.SpeedStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code trendwatch doctor}: checks the machine and the stack the environment points at, prints one line per check
 * and, for each problem, what to do. Exit 0 when every check passes, 1 otherwise. It reads and never writes.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check the machine (Java 17, Maven, memory, disk) and the stack the environment points at "
                + "(ports, Kafka and its topics, Cassandra, the schema version, the promoted sentiment model, the "
                + "boundary's age, the speed layer's heartbeat, the API); print what to do for each problem.",
                "Reads only. Exit 0 when every check passes, 1 when any finds a problem."},
        footer = {"", "Environment: TRENDWATCH_KAFKA, TRENDWATCH_CASSANDRA, TRENDWATCH_KEYSPACE (and the security "
                + "variables of docs/operations.md), TRENDWATCH_HOME, TRENDWATCH_API (default http://127.0.0.1:8080)."})
public final class DoctorCommand implements Callable<Integer> {

    @Mixin
    KeyspaceOption keyspace;

    @Mixin
    ApiOption api;

    @Option(names = "--speed-query", defaultValue = SpeedStatus.DEFAULT_QUERY, description = "the speed layer's query name (default: ${DEFAULT-VALUE})")
    String speedQuery;

    @Option(names = "--max-boundary-age", defaultValue = Publications.MAX_BOUNDARY_AGE,
            description = "a boundary published longer ago is a problem (default: ${DEFAULT-VALUE}, as the API's health check)")
    String maxBoundaryAge;

    @Option(names = "--max-speed-silence", defaultValue = SpeedStatus.MAX_SILENCE,
            description = "a speed layer silent for longer is a problem (default: ${DEFAULT-VALUE}, as the API's health check)")
    String maxSpeedSilence;

    @Override
    public Integer call() throws IOException {
        // each check says what failed and what to do; the clients' own retry warnings would only repeat it
        System.setProperty("org.slf4j.simpleLogger.log.com.datastax.oss.driver", "off");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "off");
        Map<String, String> env = System.getenv();
        CassandraSettings cassandra = keyspace.cassandra(env);
        KafkaSettings kafka = KafkaSettings.fromEnvironment(env);
        URI apiUri = api.uri(env);
        var limits = new StackChecks.Limits(Durations.parse(maxBoundaryAge), Durations.parse(maxSpeedSilence), speedQuery, apiUri);
        Path home = LocalFolders.home(env);

        List<Finding> findings = new ArrayList<>();
        findings.add(HostChecks.java(Runtime.version(), System.getProperty("java.home")));
        findings.add(HostChecks.maven(env.get("PATH")));
        Path meminfo = Path.of("/proc/meminfo");
        findings.add(Files.isReadable(meminfo) ? HostChecks.memory(Files.readString(meminfo))
                : Finding.skipped("memory", "no /proc/meminfo on this system"));
        findings.add(HostChecks.disk(home, HostChecks.usableSpace(home)));
        findings.addAll(new StackChecks(kafka, cassandra, limits).run());
        return print(findings, System.out);
    }

    static int print(List<Finding> findings, PrintStream out) {
        int width = findings.stream().mapToInt(f -> f.check().length()).max().orElse(0);
        for (Finding f : findings) {
            String mark = switch (f.verdict()) {
                case OK -> "ok     ";
                case PROBLEM -> "PROBLEM";
                case SKIPPED -> "skipped";
            };
            out.printf("%s  %-" + width + "s  %s%n", mark, f.check(), f.detail());
            if (f.fix() != null) {
                out.printf("%s  %-" + width + "s  -> %s%n", " ".repeat(7), "", f.fix());
            }
        }
        long problems = findings.stream().filter(Finding::isProblem).count();
        out.println(problems == 0 ? "all checks passed" : problems + " problem" + (problems == 1 ? "" : "s") + " found");
        return problems == 0 ? 0 : 1;
    }
}
