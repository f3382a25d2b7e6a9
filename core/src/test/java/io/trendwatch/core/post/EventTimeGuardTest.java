package io.trendwatch.core.post;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventTimeGuardTest {

    private static final Instant ARRIVED = Instant.parse("2016-11-25T10:00:00Z");
    private final PostCodec codec = new PostCodec();

    private ParseResult postAt(String createdAt) {
        return codec.parse("{\"id\":\"1\",\"platform\":\"twitter\",\"author\":\"a\",\"text\":\"#x\",\"created_at\":\""
                + createdAt + "\"}");
    }

    @Test
    void rejectsAPostDatedFarAfterItArrivedWithItsOwnReason() {
        ParseResult r = EventTimeGuard.DEFAULT.check(postAt("2099-01-01T00:00:00Z"), ARRIVED);
        assertThat(r).isInstanceOf(ParseResult.Rejected.class);
        ParseResult.Rejected rej = (ParseResult.Rejected) r;
        assertThat(rej.reason()).isEqualTo(RejectReason.FUTURE_TIMESTAMP);
        assertThat(rej.detail()).contains("created_at", "2099-01-01T00:00:00Z", "2016-11-25T10:00:00Z");
    }

    @Test
    void acceptsPastPostsAndClockSkewUpToTheLimitInclusive() {
        assertThat(EventTimeGuard.DEFAULT.check(postAt("2011-01-01T00:00:00Z"), ARRIVED).isAccepted()).isTrue();
        assertThat(EventTimeGuard.DEFAULT.check(postAt("2016-11-25T10:05:00Z"), ARRIVED).isAccepted()).isTrue();
        assertThat(EventTimeGuard.DEFAULT.check(postAt("2016-11-25T10:05:00.001Z"), ARRIVED).isAccepted()).isFalse();
        assertThat(new EventTimeGuard(Duration.ZERO).check(postAt("2016-11-25T10:00:01Z"), ARRIVED).isAccepted()).isFalse();
    }

    @Test
    void leavesRejectionsAsTheyAre() {
        ParseResult bad = codec.parse("not json");
        assertThat(EventTimeGuard.DEFAULT.check(bad, ARRIVED)).isSameAs(bad);
    }

    @Test
    void refusesANegativeSkew() {
        assertThatThrownBy(() -> new EventTimeGuard(Duration.ofSeconds(-1))).hasMessageContaining("negative");
    }
}
