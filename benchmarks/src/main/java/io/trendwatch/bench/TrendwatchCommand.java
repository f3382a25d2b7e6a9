package io.trendwatch.bench;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --root}: the repository whose {@code bin/trendwatch} a benchmark starts the services and the layers with, as
 * a user would (the jars it builds, the settings it reads).
 */
public final class TrendwatchCommand {

    @Option(names = "--root", defaultValue = ".", description = "Repository root, whose bin/trendwatch starts the "
            + "services and the layers (default: the current folder)")
    Path root;

    /** The command line {@code ROOT/bin/trendwatch ARGS...}. */
    List<String> line(String... args) {
        List<String> line = new ArrayList<>(List.of(root.resolve("bin/trendwatch").toString()));
        line.addAll(List.of(args));
        return line;
    }
}
