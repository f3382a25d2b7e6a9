package io.trendwatch.model.sentiment;

import io.trendwatch.core.sentiment.PolarityRates;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.trendwatch.core.sentiment.Sentiment.NEGATIVE;
import static io.trendwatch.core.sentiment.Sentiment.NEUTRAL;
import static io.trendwatch.core.sentiment.Sentiment.POSITIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TopicSharesTest {

    private static List<TopicShares.Labelled> posts(String topic, int pos, int posCalledPos, int neg, int negCalledPos) {
        List<TopicShares.Labelled> out = new ArrayList<>();
        for (int i = 0; i < pos; i++) {
            out.add(new TopicShares.Labelled(topic, POSITIVE, i < posCalledPos ? POSITIVE : NEGATIVE));
        }
        for (int i = 0; i < neg; i++) {
            out.add(new TopicShares.Labelled(topic, NEGATIVE, i < negCalledPos ? POSITIVE : NEGATIVE));
        }
        return out;
    }

    @Test
    void theAdjustedCountUndoesAKnownBias() {
        // a model that calls 80 % of positives and 30 % of negatives positive
        PolarityRates rates = PolarityRates.of(
                List.of(POSITIVE, POSITIVE, POSITIVE, POSITIVE, POSITIVE, NEGATIVE, NEGATIVE, NEGATIVE, NEGATIVE, NEGATIVE, NEUTRAL),
                List.of(POSITIVE, POSITIVE, POSITIVE, POSITIVE, NEGATIVE, POSITIVE, NEGATIVE, NEGATIVE, NEGATIVE, NEGATIVE, POSITIVE));
        assertThat(rates.tpr()).isEqualTo(0.8);
        assertThat(rates.fpr()).isEqualTo(0.2);
        List<TopicShares.Labelled> all = new ArrayList<>(posts("a", 50, 40, 50, 10));   // truth 0.5, counted 0.5
        all.addAll(posts("b", 90, 72, 10, 2));                                            // truth 0.9, counted 0.74
        TopicShares.Result r = TopicShares.evaluate(all, rates);
        assertThat(r.topics()).extracting(TopicShares.Topic::topic).containsExactly("a", "b");
        TopicShares.Topic b = r.topics().get(1);
        assertThat(b.truth()).isEqualTo(0.9);
        assertThat(b.classifyAndCount()).isCloseTo(0.74, within(1e-12));
        assertThat(b.adjusted()).isCloseTo(0.9, within(1e-12));
        assertThat(r.classifyAndCount().mae()).isCloseTo((0.0 + 0.16) / 2, within(1e-12));
        assertThat(r.adjusted().mae()).isCloseTo(0.0, within(1e-12));
        assertThat(r.adjusted().kld()).isCloseTo(0.0, within(1e-12));
        assertThat(r.classifyAndCount().kld()).isPositive();
    }

    @Test
    void kldIsSmoothedSoThatAnEstimateOfZeroIsFinite() {
        assertThat(TopicShares.kld(1.0, 0.0, 10)).isFinite().isPositive();
        assertThat(TopicShares.kld(0.3, 0.3, 10)).isCloseTo(0.0, within(1e-15));
    }
}
