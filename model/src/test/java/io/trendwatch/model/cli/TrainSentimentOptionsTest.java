package io.trendwatch.model.cli;

import io.trendwatch.model.sentiment.FeatureSpec;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/** The on-by-default switches of {@code train-sentiment} turn off with their {@code --no-} form, and only then. */
class TrainSentimentOptionsTest {

    private static TrainSentimentCommand parsed(String... args) {
        TrainSentimentCommand command = new TrainSentimentCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void theCuesAndTheTimeCheckAreOnUnlessTurnedOff() {
        assertThat(FeatureSpec.DEFAULT.cues()).isTrue();
        TrainSentimentCommand defaults = parsed();
        assertThat(defaults.cues).isTrue();
        assertThat(defaults.timeCheck).isTrue();

        assertThat(parsed("--no-cues").cues).isFalse();
        assertThat(parsed("--no-cues").timeCheck).isTrue();
        assertThat(parsed("--no-time-check").timeCheck).isFalse();
        assertThat(parsed("--no-time-check").cues).isTrue();
        assertThat(parsed("--cues", "--time-check").cues).isTrue();
        assertThat(parsed("--cues", "--time-check").timeCheck).isTrue();
    }
}
