package io.trendwatch.core.trend;

import io.trendwatch.core.generate.Corpus;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.source.SemEvalFolder;
import io.trendwatch.core.testing.BurstScenario;
import io.trendwatch.core.testing.SharedData;
import io.trendwatch.core.text.PostTerms;
import io.trendwatch.core.text.Term;
import io.trendwatch.core.text.TermKind;
import io.trendwatch.core.time.Granularity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The window rule alone ({@link TrendScorer#scoreWindow} over {@link TermHistory}) on the
 * generated 3-day stream of {@link BurstScenario}, every hashtag of the window a candidate:
 * what the API can at best answer. {@code TrendingNowIT} measures the whole chain.
 */
class TrendingNowRuleTest {

    private static BurstScenario scenario;
    /** Per minute: posts, and each hashtag's posts. */
    private static final TreeMap<Instant, Long> totals = new TreeMap<>();
    private static final Map<String, TreeMap<Instant, Long>> tags = new HashMap<>();

    @BeforeAll
    static void countTheStream() throws Exception {
        scenario = new BurstScenario(Corpus.of(SemEvalFolder.posts(SharedData.subtaskA())));
        scenario.generator().generate((second, posts) -> {
            for (Post p : posts) {
                Instant minute = Granularity.MINUTE.bucketStart(p.createdAt());
                totals.merge(minute, 1L, Long::sum);
                for (Term t : PostTerms.of(p)) {
                    if (t.kind() == TermKind.HASHTAG) {
                        tags.computeIfAbsent(t.text(), k -> new TreeMap<>()).merge(minute, 1L, Long::sum);
                    }
                }
            }
        });
    }

    @Test
    void burstsOfFiveFoldAndMoreRankAndAreFlaggedOnBothSides() {
        BurstScenario.Evaluation e = scenario.evaluate(BurstScenarioRanking::rank, Duration.ofMinutes(1));
        System.out.println(BurstScenario.report(e));
        for (BurstScenario.Figures f : List.of(e.before(), e.after())) {
            assertThat(f.bursts()).isEqualTo(3);
            assertThat(f.top5Recall()).isGreaterThanOrEqualTo(0.9);
            assertThat(f.top2Precision()).isGreaterThanOrEqualTo(0.9);
            assertThat(f.flagRecall()).isGreaterThanOrEqualTo(0.9);
            assertThat(f.flagPrecision()).isGreaterThanOrEqualTo(0.9);
        }
    }

    /** The API's rule, computed from the in-memory minute counts. */
    private static final class BurstScenarioRanking {
        private static final TrendScorer SCORER = new TrendScorer(TrendParams.DEFAULT);
        private static final TrendWindow WINDOW = TrendWindow.ONE_HOUR;

        static List<BurstScenario.Ranked> rank(Instant at) {
            Instant from = WINDOW.from(at);
            long windowPosts = sum(totals, from, at);
            List<TermHistory.Bucket> history = new ArrayList<>();
            for (Instant h = WINDOW.historyFrom(at); h.isBefore(WINDOW.historyTo(at)); h = h.plus(Duration.ofHours(1))) {
                history.add(new TermHistory.Bucket(h, sum(totals, h, h.plus(Duration.ofHours(1)))));
            }
            record Item(String term, TrendScore score) {
            }
            List<Item> items = new ArrayList<>();
            tags.forEach((term, counts) -> {
                long count = sum(counts, from, at);
                if (count > 0) {
                    Map<Instant, Long> byHour = new HashMap<>();
                    for (TermHistory.Bucket b : history) {
                        byHour.put(b.start(), sum(counts, b.start(), b.start().plus(Duration.ofHours(1))));
                    }
                    TermHistory th = TermHistory.of(history, byHour);
                    items.add(new Item(term, SCORER.scoreWindow(count, windowPosts, WINDOW.scaled(th))));
                }
            });
            items.sort(Comparator.comparing((Item i) -> !i.score().trending())
                    .thenComparing(i -> -i.score().score()).thenComparing(i -> -i.score().count()).thenComparing(Item::term));
            return items.stream().limit(20).map(i -> new BurstScenario.Ranked(i.term(), i.score().trending())).toList();
        }

        private static long sum(TreeMap<Instant, Long> counts, Instant from, Instant to) {
            return counts.subMap(from, to).values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
