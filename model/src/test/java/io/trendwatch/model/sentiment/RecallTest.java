package io.trendwatch.model.sentiment;

import io.trendwatch.core.sentiment.Sentiment;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.trendwatch.core.sentiment.Sentiment.NEGATIVE;
import static io.trendwatch.core.sentiment.Sentiment.NEUTRAL;
import static io.trendwatch.core.sentiment.Sentiment.POSITIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RecallTest {

    @Test
    void avgRecIsTheMeanOfThePerClassRecalls() {
        List<Sentiment> gold = List.of(POSITIVE, POSITIVE, NEUTRAL, NEUTRAL, NEUTRAL, NEUTRAL, NEGATIVE);
        List<Sentiment> pred = List.of(POSITIVE, NEUTRAL, NEUTRAL, NEUTRAL, NEUTRAL, POSITIVE, POSITIVE);
        Recall r = Recall.of(gold, pred);
        assertThat(r.perClass().get(POSITIVE)).isEqualTo(0.5);
        assertThat(r.perClass().get(NEUTRAL)).isEqualTo(0.75);
        assertThat(r.perClass().get(NEGATIVE)).isEqualTo(0.0);
        assertThat(r.avgRec()).isCloseTo((0.5 + 0.75 + 0.0) / 3, within(1e-12));
        assertThat(r.accuracy()).isCloseTo(4.0 / 7, within(1e-12));
        // positive: precision 1/3 (3 predicted, 1 right), recall 1/2, F1 0.4; negative: never predicted, F1 0
        assertThat(r.f1pn()).isCloseTo((0.4 + 0.0) / 2, within(1e-12));
    }

    @Test
    void f1pnIsOneWhenPositiveAndNegativeAreAlwaysRightWhateverNeutralDoes() {
        List<Sentiment> gold = List.of(POSITIVE, NEGATIVE, NEUTRAL, NEUTRAL);
        Recall r = Recall.of(gold, List.of(POSITIVE, NEGATIVE, NEUTRAL, NEUTRAL));
        assertThat(r.f1pn()).isEqualTo(1.0);
        assertThat(Recall.of(gold, List.of(NEUTRAL, NEUTRAL, NEUTRAL, NEUTRAL)).f1pn()).isZero();
    }

    @Test
    void predictingTheMajorityClassScoresAThird() {
        List<Sentiment> gold = List.of(POSITIVE, NEUTRAL, NEUTRAL, NEGATIVE);
        assertThat(Recall.of(gold, List.of(NEUTRAL, NEUTRAL, NEUTRAL, NEUTRAL)).avgRec()).isCloseTo(1.0 / 3, within(1e-12));
    }
}
