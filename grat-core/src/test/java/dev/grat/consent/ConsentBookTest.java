package dev.grat.consent;

import dev.grat.InvalidInputException;
import dev.grat.store.InMemoryStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsentBookTest {

    private final InMemoryStore store = new InMemoryStore();
    private final ConsentBook book = new ConsentBook(store.consents(), Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void visitorWhoNeverAnswered_hasOnlyNecessary() {
        assertThat(book.stateOf("v1").granted()).containsExactly(Purpose.NECESSARY);
        assertThat(book.recordOf("v1").history()).isEmpty();
    }

    @Test
    void changes_areAppendedToTheLedger_andPartialChangesKeepOtherPurposes() {
        book.record("v1", new ConsentChange(Map.of(Purpose.ANALYTICS, true, Purpose.PERSONALIZATION, true), "banner", "v1", false));
        ConsentRecord record = book.record("v1", new ConsentChange(Map.of(Purpose.ANALYTICS, false), "account", "v2", false));
        assertThat(record.current().granted()).containsExactlyInAnyOrder(Purpose.NECESSARY, Purpose.PERSONALIZATION);
        assertThat(record.history()).hasSize(2);
        assertThat(record.history().get(0).granted()).contains(Purpose.ANALYTICS);
        assertThat(record.history().get(1).source()).isEqualTo("account");
        assertThat(record.current().policyVersion()).isEqualTo("v2");
    }

    @Test
    void globalPrivacyControl_refusesMarketingWhateverWasSent() {
        ConsentRecord record = book.record("v1", new ConsentChange(Map.of(Purpose.MARKETING, true), "banner", "v1", true));
        assertThat(record.current().allows(Purpose.MARKETING)).isFalse();
        assertThat(record.history().getFirst().globalPrivacyControl()).isTrue();
    }

    @Test
    void refusingNecessary_orMissingSource_isInvalidInputNamingTheField() {
        assertThatThrownBy(() -> book.record("v1", new ConsentChange(Map.of(Purpose.NECESSARY, false), "", "v1", false)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(dev.grat.event.FieldError::field).containsExactly("purposes.necessary", "source"));
    }

    @Test
    void currentState_isLoadedFromTheLedgerAtStart() {
        book.record("v1", new ConsentChange(Map.of(Purpose.PERSONALIZATION, true), "banner", "v1", false));
        ConsentBook reopened = new ConsentBook(store.consents(), Clock.systemUTC());
        assertThat(reopened.stateOf("v1").allows(Purpose.PERSONALIZATION)).isTrue();
    }
}
