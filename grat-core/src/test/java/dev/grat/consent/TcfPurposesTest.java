package dev.grat.consent;

import dev.grat.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TcfPurposesTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private static TcfSignal signal(Set<Integer> purposes, Set<Integer> publisher, Instant lastUpdated) {
        return new TcfSignal(2, 4, lastUpdated, purposes, publisher);
    }

    @Test
    void purposesMapOnlyWithDeviceAccess_andEachNeedsItsTcfPurposes() {
        ConsentChange all = TcfPurposes.toChange(signal(Set.of(1, 3, 4, 5, 6, 8), Set.of(), NOW), NOW, null, false);
        assertThat(all.purposes()).containsEntry(Purpose.ANALYTICS, true).containsEntry(Purpose.PERSONALIZATION, true)
                .containsEntry(Purpose.MARKETING, true);
        assertThat(all.source()).isEqualTo("tcf");
        assertThat(all.policyVersion()).isEqualTo("tcf-policy-4");

        ConsentChange noDevice = TcfPurposes.toChange(signal(Set.of(3, 4, 5, 6, 8, 9), Set.of(), NOW), NOW, null, false);
        assertThat(noDevice.purposes().values()).containsOnly(false);

        ConsentChange halfProfile = TcfPurposes.toChange(signal(Set.of(1, 5, 9), Set.of(), NOW), NOW, "cmp", false);
        assertThat(halfProfile.purposes()).containsEntry(Purpose.ANALYTICS, true).containsEntry(Purpose.PERSONALIZATION, false);
    }

    @Test
    void publisherPurposes_countForTheShopItself() {
        ConsentChange change = TcfPurposes.toChange(signal(Set.of(1), Set.of(5, 6), NOW), NOW, null, false);
        assertThat(change.purposes()).containsEntry(Purpose.PERSONALIZATION, true);
    }

    @Test
    void expiredOrFutureOrOldVersionSignals_areRefusedNamingTcString() {
        assertThatThrownBy(() -> TcfPurposes.toChange(signal(Set.of(1), Set.of(), NOW.minus(Duration.ofDays(400))), NOW, null, false))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.errors().getFirst().field()).isEqualTo("tcString");
                    assertThat(e.getMessage()).contains("expired");
                });
        assertThatThrownBy(() -> TcfPurposes.toChange(signal(Set.of(1), Set.of(), NOW.plus(Duration.ofDays(3))), NOW, null, false))
                .hasMessageContaining("future");
        assertThatThrownBy(() -> TcfPurposes.toChange(new TcfSignal(1, 1, NOW, Set.of(1), Set.of()), NOW, null, false))
                .hasMessageContaining("TCF v1");
    }
}
