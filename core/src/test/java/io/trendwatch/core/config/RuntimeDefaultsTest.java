package io.trendwatch.core.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The defaults every command shares: the broker, the shared data folder and the node's folders, from the environment or local. */
class RuntimeDefaultsTest {

    @Test
    void theBrokerIsTheEnvironmentsOrTheLocalOne() {
        assertThat(KafkaAddress.bootstrap(Map.of("TRENDWATCH_KAFKA", "10.0.0.5:9093"))).isEqualTo("10.0.0.5:9093");
        assertThat(KafkaAddress.bootstrap(Map.of())).isEqualTo("127.0.0.1:9092");
        assertThat(KafkaAddress.bootstrap("b1:9092,b2:9092")).isEqualTo("b1:9092,b2:9092");
    }

    @Test
    void theSharedFolderIsTheEnvironmentsOrBesideTheCheckout() {
        assertThat(SharedDataFolder.root(Map.of("TRENDWATCH_SHARED_DIR", "/data/shared"))).isEqualTo(Path.of("/data/shared"));
        assertThat(SharedDataFolder.root(Map.of("TRENDWATCH_SHARED_DIR", " "))).isEqualTo(Path.of("..", "shared"));
        assertThat(SharedDataFolder.root(Map.of())).isEqualTo(Path.of("..", "shared"));
    }

    @Test
    void everyFolderIsUnderTheHomeUnlessMovedOnItsOwn() {
        Map<String, String> home = Map.of("TRENDWATCH_HOME", "/srv/tw");
        assertThat(LocalFolders.home(Map.of())).isEqualTo(Path.of(".trendwatch"));
        assertThat(LocalFolders.home(Map.of("TRENDWATCH_HOME", ""))).isEqualTo(Path.of(".trendwatch"));
        assertThat(LocalFolders.master(home)).isEqualTo(Path.of("/srv/tw/master"));
        assertThat(LocalFolders.models(home)).isEqualTo(Path.of("/srv/tw/models"));
        assertThat(LocalFolders.checkpoints(home, "speed")).isEqualTo(Path.of("/srv/tw/checkpoints/speed"));
        assertThat(LocalFolders.master(Map.of("TRENDWATCH_HOME", "/srv/tw", "TRENDWATCH_MASTER", "/shared/master")))
                .isEqualTo(Path.of("/shared/master"));
        assertThat(LocalFolders.models(Map.of("TRENDWATCH_HOME", "/srv/tw", "TRENDWATCH_MODELS", "/shared/models")))
                .isEqualTo(Path.of("/shared/models"));
        assertThat(LocalFolders.models(Map.of("TRENDWATCH_MODELS", " "))).isEqualTo(Path.of(".trendwatch/models"));
        assertThat(LocalFolders.checkpoints(Map.of("TRENDWATCH_HOME", "/srv/tw", "TRENDWATCH_CHECKPOINTS", "/shared/cp"), "speed"))
                .isEqualTo(Path.of("/shared/cp/speed"));
    }

    @Test
    void thePostsTopicsAreTheEnvironmentsOrTheDefaults() {
        assertThat(KafkaAddress.postsTopic(Map.of())).isEqualTo("posts");
        assertThat(KafkaAddress.deadLetterTopic(Map.of())).isEqualTo("posts.dlq");
        Map<String, String> env = Map.of("TRENDWATCH_POSTS_TOPIC", "brand-posts", "TRENDWATCH_DLQ_TOPIC", "brand-posts.dlq",
                "TRENDWATCH_KAFKA", "k1:9092");
        assertThat(KafkaAddress.postsTopic(env)).isEqualTo("brand-posts");
        assertThat(KafkaAddress.deadLetterTopic(env)).isEqualTo("brand-posts.dlq");

        PostsTopicOptions none = parse();
        assertThat(none.bootstrap(env)).isEqualTo("k1:9092");
        assertThat(none.topic(env)).isEqualTo("brand-posts");
        PostsTopicOptions given = parse("--bootstrap", "k2:9092", "--topic", "replay");
        assertThat(given.bootstrap(env)).isEqualTo("k2:9092");
        assertThat(given.topic(env)).isEqualTo("replay");
    }

    @picocli.CommandLine.Command(name = "any")
    static final class AnyCommand {
        @picocli.CommandLine.Mixin
        PostsTopicOptions posts;
    }

    private static PostsTopicOptions parse(String... args) {
        AnyCommand c = new AnyCommand();
        new picocli.CommandLine(c).parseArgs(args);
        return c.posts;
    }
}
