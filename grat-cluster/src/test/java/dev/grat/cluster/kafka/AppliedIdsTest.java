package dev.grat.cluster.kafka;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AppliedIdsTest {

    @Test
    void anIdIsClaimedOnce() {
        AppliedIds ids = new AppliedIds(10);
        assertThat(ids.claim("e1")).isTrue();
        assertThat(ids.claim("e1")).isFalse();
    }

    @Test
    void anEventReplayedAtStartUp_isSkippedWhenItArrivesFromKafka_untilTheReplayWindowEnds() {
        AppliedIds ids = new AppliedIds(10);
        ids.replayed("e1");
        ids.replayDone();
        ids.replayed("e2"); // a later read of the store (training) is no replay
        assertThat(ids.holds("e1")).isTrue();
        assertThat(ids.holds("e2")).isFalse();
        assertThat(ids.claim("e1")).isFalse();
        assertThat(ids.claim("e2")).isTrue();
        ids.forgetReplay();
        assertThat(ids.holds("anything")).isTrue();
    }

    @Test
    void anErasedEvent_isNewAgainWhenSentAgain() {
        AppliedIds ids = new AppliedIds(10);
        ids.claim("e1");
        ids.release("e1");
        assertThat(ids.claim("e1")).isTrue();
    }

    @Test
    void onlyTheMostRecentIdsAreKept() {
        AppliedIds ids = new AppliedIds(2);
        ids.claim("e1");
        ids.claim("e2");
        ids.claim("e3");
        assertThat(ids.claim("e1")).isTrue();
        assertThat(ids.claim("e3")).isFalse();
    }
}
