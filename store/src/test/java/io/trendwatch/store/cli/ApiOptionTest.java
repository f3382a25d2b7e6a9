package io.trendwatch.store.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ApiOptionTest {

    @Command
    static final class Calls {
        @Mixin
        ApiOption api;
    }

    private static URI parsed(Map<String, String> env, String... args) {
        Calls c = new Calls();
        new CommandLine(c).parseArgs(args);
        return c.api.uri(env);
    }

    @Test
    void theOptionWinsOverTheEnvironment() {
        assertThat(parsed(Map.of("TRENDWATCH_API", "http://10.0.0.1:8080"), "--api", "http://127.0.0.2:9090"))
                .isEqualTo(URI.create("http://127.0.0.2:9090"));
    }

    @Test
    void theEnvironmentThenItsOlderNameThenTheLocalDefault() {
        assertThat(parsed(Map.of("TRENDWATCH_API", "http://a:1", "TRENDWATCH_API_URL", "http://b:2")))
                .isEqualTo(URI.create("http://a:1"));
        assertThat(parsed(Map.of("TRENDWATCH_API_URL", "http://b:2"))).isEqualTo(URI.create("http://b:2"));
        assertThat(parsed(Map.of())).isEqualTo(URI.create(ApiOption.DEFAULT));
    }
}
