package io.trendwatch.serving.alerts;

import io.trendwatch.serving.merge.Counts;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleCheckTest {

    private static Counts posts(long n) {
        return new Counts(n, 0, n, 0, 0);
    }

    private static Counts sentiment(long positive, long neutral, long negative, long unscored) {
        return new Counts(positive + neutral + negative + unscored, positive, neutral, negative, unscored);
    }

    @Test
    void aVolumeRuleHoldsOnlyWhenEveryMinuteMeetsIt() {
        AlertRule above = new AlertRule(AlertRule.Kind.VOLUME_ABOVE, 30.0, 3);
        assertThat(RuleCheck.of(above, List.of(posts(31), posts(40), posts(100)), false, 0))
                .isEqualTo(new RuleCheck(true, 57.0));
        assertThat(RuleCheck.of(above, List.of(posts(31), posts(30), posts(100)), false, 0).holds()).isFalse();
        AlertRule below = new AlertRule(AlertRule.Kind.VOLUME_BELOW, 5.0, 2);
        assertThat(RuleCheck.of(below, List.of(posts(0), posts(4)), false, 0)).isEqualTo(new RuleCheck(true, 2.0));
        assertThat(RuleCheck.of(below, List.of(posts(5), posts(0)), false, 0).holds()).isFalse();
    }

    @Test
    void theNegativeShareIsOfScoredPostsAndAMinuteWithoutThemBreaksTheRun() {
        AlertRule rule = new AlertRule(AlertRule.Kind.NEGATIVE_SHARE, 0.5, 2);
        // 6 of 10 scored negative in each minute; unscored posts are not part of the share
        RuleCheck holds = RuleCheck.of(rule, List.of(sentiment(2, 2, 6, 50), sentiment(1, 3, 6, 0)), false, 0);
        assertThat(holds).isEqualTo(new RuleCheck(true, 0.6));
        assertThat(RuleCheck.of(rule, List.of(sentiment(2, 3, 5, 0), sentiment(0, 0, 9, 0)), false, 0))
                .isEqualTo(new RuleCheck(false, 14.0 / 19));
        assertThat(RuleCheck.of(rule, List.of(sentiment(0, 0, 0, 7), sentiment(0, 0, 9, 0)), false, 0).holds()).isFalse();
    }

    @Test
    void theTrendingRuleFollowsTheFlag() {
        AlertRule rule = new AlertRule(AlertRule.Kind.TRENDING, null, null);
        assertThat(RuleCheck.of(rule, List.of(), true, 420)).isEqualTo(new RuleCheck(true, 420));
        assertThat(RuleCheck.of(rule, List.of(), false, 420).holds()).isFalse();
    }

    @Test
    void aRuleNeedsExactlyItsMinutes() {
        assertThatThrownBy(() -> RuleCheck.of(new AlertRule(AlertRule.Kind.VOLUME_ABOVE, 1.0, 2), List.of(posts(3)), false, 0))
                .hasMessageContaining("needs 2 minutes");
    }

    @Test
    void rulesAreCheckedWhenMadeAndKeyedByWhatTheyTest() {
        assertThat(new AlertRule(AlertRule.Kind.NEGATIVE_SHARE, 0.5, 3).key()).isEqualTo("negative_share>0.5/3m");
        assertThat(new AlertRule(AlertRule.Kind.VOLUME_BELOW, 10.0, 1).key()).isEqualTo("volume_below<10/1m");
        assertThat(new AlertRule(AlertRule.Kind.TRENDING, null, null).key()).isEqualTo("trending");
        assertThatThrownBy(() -> new AlertRule(AlertRule.Kind.NEGATIVE_SHARE, 1.0, 1)).hasMessageContaining("below 1");
        assertThatThrownBy(() -> new AlertRule(AlertRule.Kind.VOLUME_ABOVE, -1.0, 1)).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> new AlertRule(AlertRule.Kind.VOLUME_ABOVE, 1.0, 61)).hasMessageContaining("1 to 60");
        assertThatThrownBy(() -> new AlertRule(AlertRule.Kind.TRENDING, null, 5)).hasMessageContaining("takes no minutes");
        assertThatThrownBy(() -> AlertRule.Kind.parse("spike")).hasMessageContaining("trending, negative_share");
    }

    @Test
    void aFailedDeliveryWaitsTwiceAsLongEachTimeUpToTheMaximum() {
        AlertEvaluator.Settings s = new AlertEvaluator.Settings(Duration.ofSeconds(5), Duration.ofMinutes(1),
                Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(10));
        assertThat(List.of(1, 2, 3, 4, 5, 9).stream().map(n -> AlertEvaluator.backoff(s, n).toSeconds()).toList())
                .containsExactly(5L, 10L, 20L, 40L, 60L, 60L);
    }
}
