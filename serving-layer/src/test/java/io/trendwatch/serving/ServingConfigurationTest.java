package io.trendwatch.serving;

import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.trendwatch.core.time.Durations;
import io.trendwatch.store.Publications;
import io.trendwatch.store.views.SpeedStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped config.yml loads as the application loads it; a bad cache setting is refused with a message. */
class ServingConfigurationTest {

    private static final Path CONFIG = Path.of(System.getProperty("trendwatch.root", "..")).resolve("serving-layer/config.yml");

    private static ServingConfiguration load(Path file) throws Exception {
        return new YamlConfigurationFactory<>(ServingConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw")
                .build(new SubstitutingSourceProvider(new FileConfigurationSourceProvider(),
                        new EnvironmentVariableSubstitutor(false)), file.toString());
    }

    @Test
    void theShippedConfigurationLoadsWithTheDocumentedCacheSettings() throws Exception {
        ServingConfiguration c = load(CONFIG);
        var cache = c.getViewCache().settings();
        assertThat(cache.batchTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(cache.speedRefresh()).isEqualTo(Duration.ofSeconds(1));
        assertThat(cache.speedMaxAge()).isEqualTo(Duration.ofSeconds(3));
        assertThat(cache.boundaryTtl()).isEqualTo(Duration.ofSeconds(1));
        assertThat(cache.maxRows()).isEqualTo(1_000_000);
    }

    @Test
    void theShippedHealthLimitsAndSpeedQueryAreTheDefaultsTheDoctorAndTheLayersUse() throws Exception {
        ServingConfiguration shipped = load(CONFIG);
        ServingConfiguration defaults = new ServingConfiguration();
        for (ServingConfiguration c : java.util.List.of(shipped, defaults)) {
            assertThat(c.getMaxBoundaryAge().toJavaDuration()).isEqualTo(Durations.parse(Publications.MAX_BOUNDARY_AGE));
            assertThat(c.getMaxSpeedSilence().toJavaDuration()).isEqualTo(Durations.parse(SpeedStatus.MAX_SILENCE));
            assertThat(c.getSpeedQuery()).isEqualTo(SpeedStatus.DEFAULT_QUERY);
        }
    }

    @Test
    void loginAndTlsSettingsLeftEmptyMeanNoneAndSetOnesAreUsed(@TempDir Path dir) throws Exception {
        // the shipped file leaves them empty (${VAR:-}), which YAML reads as null
        String shipped = Files.readString(CONFIG);
        Path plain = dir.resolve("plain.yml");
        Files.writeString(plain, shipped.replace("${TRENDWATCH_CASSANDRA_USERNAME:-}", "")
                .replace("${TRENDWATCH_CASSANDRA_PASSWORD:-}", "").replace("${TRENDWATCH_CASSANDRA_TRUSTSTORE:-}", "")
                .replace("${TRENDWATCH_CONSISTENCY:-}", ""));
        var none = load(plain).getCassandra().settings();
        assertThat(none.security().logsIn()).isFalse();
        assertThat(none.security().usesTls()).isFalse();

        Path login = dir.resolve("login.yml");
        Files.writeString(login, shipped.replace("${TRENDWATCH_CASSANDRA_USERNAME:-}", "analyst")
                .replace("${TRENDWATCH_CASSANDRA_PASSWORD:-}", "s3cret").replace("${TRENDWATCH_CONSISTENCY:-}", "quorum"));
        var set = load(login).getCassandra().settings();
        assertThat(set.security().logsIn()).isTrue();
        assertThat(set.security().username()).isEqualTo("analyst");
        assertThat(set.consistency()).isEqualTo("QUORUM");
    }

    @Test
    void aWriteTokenFileThatIsAbsentMeansNoTokenWhileAnAbsentAdminTokenFileIsAnError(@TempDir Path dir) throws Exception {
        String shipped = Files.readString(CONFIG);
        // the Kubernetes deployment names the file of an optional Secret: absent until an operator creates it
        Path absent = dir.resolve("no-such-secret/token");
        Path noSecret = dir.resolve("no-secret.yml");
        Files.writeString(noSecret, shipped.replace("${TRENDWATCH_WRITE_TOKEN_FILE:-}", absent.toString())
                .replace("${TRENDWATCH_ADMIN_TOKEN_FILE:-}", absent.toString()));
        ServingConfiguration c = load(noSecret);
        assertThat(c.writeToken()).isEmpty();
        assertThatThrownBy(c::adminToken).hasMessageContaining("cannot read the admin token file");

        Path token = Files.writeString(dir.resolve("token"), "w-token\n");
        Path withSecret = dir.resolve("secret.yml");
        Files.writeString(withSecret, shipped.replace("${TRENDWATCH_WRITE_TOKEN_FILE:-}", token.toString()));
        assertThat(load(withSecret).writeToken()).isEqualTo("w-token");
    }

    @Test
    void aSpeedMaxAgeNotLongerThanItsRefreshIsRefused(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("config.yml");
        Files.writeString(bad, Files.readString(CONFIG).replace("speedMaxAge: 3 seconds", "speedMaxAge: 1 second"));
        assertThatThrownBy(() -> load(bad)).isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("speedMaxAge must be longer than speedRefresh");
    }
}
