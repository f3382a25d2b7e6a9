package io.trendwatch.model.registry;

import io.trendwatch.core.config.LocalFolders;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where model artifacts live on disk: {@code <root>/<name>/<version>/}.
 * Versions are UTC timestamps, so their text order is their age order.
 */
public record ModelsDir(Path root) {

    private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** {@code $TRENDWATCH_MODELS}, else {@code $TRENDWATCH_HOME/models}, else {@code .trendwatch/models}. */
    public static ModelsDir fromEnvironment(Map<String, String> env) {
        return new ModelsDir(LocalFolders.models(env));
    }

    /**
     * Reserves a new version by creating its folder: the UTC time, with -2,
     * -3... when runs share a second (folder creation is atomic, so two
     * concurrent runs never get the same one).
     */
    public String newVersion(String name, Instant now) throws IOException {
        Files.createDirectories(root.resolve(name));
        String base = VERSION.format(now);
        for (int n = 1; ; n++) {
            String v = n == 1 ? base : base + "-" + n;
            try {
                Files.createDirectory(root.resolve(name).resolve(v));
                return v;
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                // next suffix
            }
        }
    }

    public Path dir(String name, String version) {
        if (!version.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("model version '" + version + "' is not a version name");
        }
        return root.resolve(name).resolve(version);
    }

    /** The newest version on disk that holds a saved model. */
    public Optional<String> latest(String name) throws IOException {
        Path dir = root.resolve(name);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("model.json")))
                    .map(p -> p.getFileName().toString()).max(Comparator.naturalOrder());
        }
    }
}
