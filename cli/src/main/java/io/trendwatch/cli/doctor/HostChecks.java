package io.trendwatch.cli.doctor;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the machine must have to build and run the local stack: Java 17, Maven, memory and disk. The limits are the
 * stack's own needs: Kafka and Cassandra take 1 GB of heap each, the API 2 GB, the speed layer and a batch run
 * 2-4 GB each; the master dataset, Kafka's log and Cassandra's data grow by about 1 GB per million posts.
 */
public final class HostChecks {

    static final long GIB = 1L << 30;
    static final long MIN_TOTAL_MEMORY = 8 * GIB;
    static final long MIN_AVAILABLE_MEMORY = 2 * GIB;
    static final long MIN_FREE_DISK = 5 * GIB;

    private HostChecks() {
    }

    public static Finding java(Runtime.Version version, String home) {
        String detail = version + " at " + home;
        return version.feature() >= 17
                ? Finding.ok("java", detail)
                : Finding.problem("java", detail, "install Java 17: apt-get install openjdk-17-jdk-headless");
    }

    /** Maven builds the jars (bin/trendwatch rebuilds them when a source is newer). */
    public static Finding maven(String path) {
        Optional<Path> mvn = onPath("mvn", path);
        return mvn.map(p -> Finding.ok("maven", p.toString()))
                .orElseGet(() -> Finding.problem("maven", "no mvn on PATH", "install Maven 3.8 or later: apt-get install maven"));
    }

    /** Memory from /proc/meminfo's text (values in kB). */
    public static Finding memory(String meminfo) {
        Map<String, Long> kb = new java.util.HashMap<>();
        for (String line : meminfo.split("\n")) {
            String[] parts = line.trim().split("[:\\s]+");
            if (parts.length >= 2 && parts[1].chars().allMatch(Character::isDigit)) {
                kb.put(parts[0], Long.parseLong(parts[1]));
            }
        }
        if (!kb.containsKey("MemTotal") || !kb.containsKey("MemAvailable")) {
            return Finding.skipped("memory", "cannot read MemTotal and MemAvailable");
        }
        long total = kb.get("MemTotal") * 1024;
        long available = kb.get("MemAvailable") * 1024;
        String detail = gib(available) + " available of " + gib(total);
        if (total < MIN_TOTAL_MEMORY) {
            return Finding.problem("memory", detail, "the local stack needs " + gib(MIN_TOTAL_MEMORY)
                    + " of memory; run it on a larger machine or point the layers at services elsewhere");
        }
        if (available < MIN_AVAILABLE_MEMORY) {
            return Finding.problem("memory", detail, "free at least " + gib(MIN_AVAILABLE_MEMORY)
                    + ": stop what you do not need (trendwatch infra down stops the local services)");
        }
        return Finding.ok("memory", detail);
    }

    public static Finding disk(Path home, long usableBytes) {
        String detail = gib(usableBytes) + " free under " + home;
        return usableBytes >= MIN_FREE_DISK
                ? Finding.ok("disk", detail)
                : Finding.problem("disk", detail, "free at least " + gib(MIN_FREE_DISK) + " there, or set "
                        + "TRENDWATCH_HOME to a larger disk (trendwatch infra reset --yes deletes the local state)");
    }

    /** The usable space of the nearest existing folder of {@code path} (TRENDWATCH_HOME may not exist yet). */
    public static long usableSpace(Path path) throws IOException {
        Path p = path.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? 0 : Files.getFileStore(p).getUsableSpace();
    }

    static Optional<Path> onPath(String program, String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static String gib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (double) GIB);
    }
}
