package io.trendwatch.serving.merge;

import io.trendwatch.serving.db.ViewReader.TrendRow;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrendCandidatesTest {

    private static TrendRow speed(String term, long bestMinute) {
        return new TrendRow(term, term.startsWith("#") ? "hashtag" : "word", bestMinute, bestMinute, false);
    }

    @Test
    void aNewTermIsReadBeforeBusierTermsThatAreAsBusyAsUsual() {
        List<List<TrendRow>> prior = new ArrayList<>();
        for (int h = 0; h < 12; h++) {
            prior.add(List.of(speed("tomorrow", 12), speed("day", 10), speed("#brand", 6)));
        }
        List<TrendRow> window = List.of(speed("tomorrow", 13), speed("day", 9), speed("#brand", 6), speed("#springlaunch", 8));
        List<TrendRow> order = TrendCandidates.order(List.of(), window, prior, "all", 2);
        assertThat(order).extracting(TrendRow::term).containsExactly("#springlaunch", "tomorrow");
        assertThat(TrendCandidates.order(List.of(), window, prior, "hashtag", 5)).extracting(TrendRow::term)
                .containsExactly("#springlaunch", "#brand");
    }

    @Test
    void theBatchLayersFlaggedTermsComeFirstAndATermIsListedOnce() {
        TrendRow flagged = new TrendRow("#sale", "hashtag", 300, 12.0, true);
        List<TrendRow> order = TrendCandidates.order(List.of(flagged), List.of(speed("#new", 5), speed("#sale", 9)),
                List.of(), "all", 10);
        assertThat(order).extracting(TrendRow::term).containsExactly("#sale", "#new");
        assertThat(order.get(0)).isSameAs(flagged);
    }
}
