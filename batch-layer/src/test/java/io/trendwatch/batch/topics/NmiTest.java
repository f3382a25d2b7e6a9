package io.trendwatch.batch.topics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NmiTest {

    @Test
    void identicalGroupingsUnderOtherNamesScoreOne() {
        assertThat(Nmi.of(new int[] {0, 0, 1, 1, 2, 2}, new int[] {5, 5, 3, 3, 9, 9})).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void independentGroupingsScoreZero() {
        assertThat(Nmi.of(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1})).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void aPartialMatchScoresInBetweenAsComputedByHand() {
        // a = {0,0,1,1}, b = {0,0,0,1}: H(a) = ln 2, H(b) = -(3/4 ln 3/4 + 1/4 ln 1/4), I = H(b) - H(b|a) = H(b) - 1/2 ln 2
        double ha = Math.log(2);
        double hb = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25));
        double mi = hb - 0.5 * Math.log(2);
        assertThat(Nmi.of(new int[] {0, 0, 1, 1}, new int[] {0, 0, 0, 1})).isCloseTo(2 * mi / (ha + hb), within(1e-12));
    }

    @Test
    void topicTermsKeepWordsAndHashtagsOnly() {
        assertThat(TopicTerms.of("The new #iPhone is out!! @apple http://t.co/x 2015 :) so good"))
                .containsExactly("new", "#iphone", "good");
    }
}
