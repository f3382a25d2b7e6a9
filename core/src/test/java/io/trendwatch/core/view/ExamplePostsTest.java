package io.trendwatch.core.view;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ExamplePostsTest {

    @Test
    void aRankDependsOnTheIdAloneAndIsNeverNegative() {
        assertThat(ExamplePosts.rank("post-1")).isEqualTo(ExamplePosts.rank("post-1"))
                .isNotEqualTo(ExamplePosts.rank("post-2"));
        IntStream.range(0, 10_000).forEach(i -> assertThat(ExamplePosts.rank("p" + i)).isNotNegative());
    }

    @Test
    void aboutOneIdInSixteenIsEligibleEvenForIdsThatDifferInTheirLastCharacter() {
        long eligible = IntStream.range(0, 100_000).filter(i -> ExamplePosts.eligible(ExamplePosts.rank("gen-" + i))).count();
        // binomial(100000, 1/16): mean 6,250, sd 77
        assertThat(ExamplePosts.ONE_IN).isEqualTo(16);
        assertThat(eligible).isBetween(5_900L, 6_600L);
    }

    @Test
    void theSmallestRanksComeFirstAndTiesGoToTheSmallerId() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        List<ExamplePosts.Example> all = new ArrayList<>(List.of(
                new ExamplePosts.Example(30, "c", t, "c", "neutral"),
                new ExamplePosts.Example(10, "b", t, "b", "neutral"),
                new ExamplePosts.Example(10, "a", t, "a", "neutral"),
                new ExamplePosts.Example(20, "d", t, "d", "neutral")));
        assertThat(ExamplePosts.smallest(all, 3)).extracting(ExamplePosts.Example::id).containsExactly("a", "b", "d");
    }
}
