package io.trendwatch.serving.api;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrendItemRankingTest {

    private static TrendItem item(String term, double score, boolean trending) {
        return new TrendItem(term, "word", 10, 5, 5, 2.0, score, 0, 0, trending, 0, 0, 0, 10, null, null, List.of("speed"), null);
    }

    @Test
    void flaggedTermsComeFirstThenTheScoreDecides() {
        List<TrendItem> items = new ArrayList<>(List.of(
                item("busy", 9.0, false), item("#launch", 4.0, true), item("quiet", 1.0, false),
                item("#sale", 6.0, true), item("also-busy", 9.0, false)));
        items.sort(TrendItem.RANKING);
        assertThat(items).extracting(TrendItem::term).containsExactly("#sale", "#launch", "also-busy", "busy", "quiet");
    }
}
