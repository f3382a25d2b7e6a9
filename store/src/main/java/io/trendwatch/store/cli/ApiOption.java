package io.trendwatch.store.cli;

import picocli.CommandLine.Option;

import java.net.URI;
import java.util.Map;

/** {@code --api}, the serving layer's base address, as every command that calls the API takes it. */
public final class ApiOption {

    public static final String DEFAULT = "http://127.0.0.1:8080";

    @Option(names = "--api", description = "The serving layer's base address (default: $TRENDWATCH_API or " + DEFAULT + ")")
    String api;

    /** The option, else {@code TRENDWATCH_API} (or its older name {@code TRENDWATCH_API_URL}), else the local default. */
    public URI uri(Map<String, String> env) {
        if (api != null) {
            return URI.create(api);
        }
        return URI.create(env.getOrDefault("TRENDWATCH_API", env.getOrDefault("TRENDWATCH_API_URL", DEFAULT)));
    }
}
