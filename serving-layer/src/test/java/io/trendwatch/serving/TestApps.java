package io.trendwatch.serving;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real application with the shipped config.yml, on free ports, against the suite's Cassandra and a keyspace of its own. */
public final class TestApps {

    public static final Path ROOT = Path.of(System.getProperty("trendwatch.root", "..")).toAbsolutePath().normalize();
    /** The suite's Cassandra. */
    public static final String CASSANDRA = System.getenv().getOrDefault("TRENDWATCH_CASSANDRA", "127.0.0.1:9042");

    private TestApps() {
    }

    /** The app against the suite's Cassandra. */
    public static DropwizardAppExtension<ServingConfiguration> app(String keyspace, ConfigOverride... more) {
        return app(CASSANDRA, keyspace, more);
    }

    /**
     * The app against the Cassandra at {@code contactPoints} (a proxy in front of the suite's, say). Each key is
     * overridden once: Dropwizard applies overrides in no set order, so two values of one key would race.
     */
    public static DropwizardAppExtension<ServingConfiguration> app(String contactPoints, String keyspace, ConfigOverride... more) {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config("cassandra.contactPoints", contactPoints),
                ConfigOverride.config("cassandra.keyspace", keyspace),
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0")));
        overrides.addAll(List.of(more));
        return new DropwizardAppExtension<>(ServingApplication.class, ROOT.resolve("serving-layer/config.yml").toString(),
                overrides.toArray(ConfigOverride[]::new));
    }
}
