package io.trendwatch.core.view;

import io.trendwatch.core.time.Granularity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ViewPolicyTest {

    @Test
    void entitiesAreAlwaysKeptWordsFromTheirMinimum() {
        ViewPolicy p = ViewPolicy.DEFAULT;
        for (Granularity step : Granularity.values()) {
            assertThat(p.keeps("hashtag", step, 1)).isTrue();
            assertThat(p.keeps("mention", step, 1)).isTrue();
            assertThat(p.keeps("emoji", step, 1)).isTrue();
        }
        assertThat(p.keeps("word", Granularity.MINUTE, 9)).isFalse();
        assertThat(p.keeps("word", Granularity.MINUTE, 10)).isTrue();
        // hours and days keep every word: the API answers them exactly for every term
        assertThat(p.keeps("word", Granularity.HOUR, 1)).isTrue();
        assertThat(p.keeps("word", Granularity.DAY, 1)).isTrue();
    }

    @Test
    void refusesAZeroMinimum() {
        assertThatThrownBy(() -> new ViewPolicy(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
