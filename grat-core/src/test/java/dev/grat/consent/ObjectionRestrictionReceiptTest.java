package dev.grat.consent;

import dev.grat.Grat;
import dev.grat.InvalidInputException;
import dev.grat.Shop;
import dev.grat.event.EventType;
import dev.grat.event.IngestResult;
import dev.grat.recommend.RecommendationRequest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObjectionRestrictionReceiptTest {

    private final Shop shop = new Shop();

    /** "cook" likes kitchen things and allows personalization; the crowd views shoes. */
    private void history() {
        for (int v = 0; v < 4; v++) {
            shop.consent("crowd-" + v, Purpose.ANALYTICS, Purpose.PERSONALIZATION);
            shop.track(shop.view("crowd-" + v, "shoe-1"), shop.view("crowd-" + v, "shoe-2"));
        }
        shop.consent("cook", Purpose.ANALYTICS, Purpose.PERSONALIZATION, Purpose.MARKETING);
        shop.track(shop.view("cook", "pan-1"),
                shop.event(EventType.CATEGORY_VIEW, "cook").categoryId("Home/Kitchen").build());
    }

    private boolean personalizedFor(Grat grat, String visitorId) {
        return grat.recommend(RecommendationRequest.home(visitorId, 3)).personalized();
    }

    @Test
    void objection_stopsProfilingEvenWhenALaterAnswerGrantsIt_survivesARestart_andLiftingBringsItBack() {
        history();
        assertThat(personalizedFor(shop.grat, "cook")).isTrue();

        ConsentState objected = shop.grat.setObjection("cook", true, "privacy-center").current();
        shop.consent("cook", Purpose.ANALYTICS, Purpose.PERSONALIZATION, Purpose.MARKETING);

        ConsentState state = shop.grat.consent("cook").current();
        assertThat(objected.objected()).isTrue();
        assertThat(state.objected()).isTrue();
        assertThat(state.granted()).contains(Purpose.PERSONALIZATION);
        assertThat(state.allows(Purpose.PERSONALIZATION)).isFalse();
        assertThat(state.allows(Purpose.MARKETING)).isFalse();
        assertThat(state.allows(Purpose.ANALYTICS)).isTrue();
        assertThat(personalizedFor(shop.grat, "cook")).isFalse();
        assertThat(shop.grat.export("cook").profile()).isNull();
        assertThat(shop.grat.export("cook").events()).hasSize(2);

        // A restart (a new engine over the same store) keeps the objection; lifting it there brings profiling back.
        Grat restarted = shop.engine();
        try {
            assertThat(restarted.consent("cook").current().objected()).isTrue();
            assertThat(personalizedFor(restarted, "cook")).isFalse();

            restarted.setObjection("cook", false, "privacy-center");
            assertThat(restarted.consent("cook").current().allows(Purpose.PERSONALIZATION)).isTrue();
            assertThat(personalizedFor(restarted, "cook")).isTrue();
            assertThat(restarted.verifyConsentLedger().valid()).isTrue();
        } finally {
            restarted.close();
        }
    }

    @Test
    void restriction_keepsStoredDataUnused_andNewEventsOnlyAsAnonymousCounts_untilLifted() {
        history();

        shop.grat.setRestriction("cook", true, "support");
        IngestResult whileRestricted = shop.track(shop.view("cook", "pan-1"));

        ConsentState state = shop.grat.consent("cook").current();
        assertThat(state.restricted()).isTrue();
        assertThat(state.allowsStoringEvents()).isFalse();
        assertThat(state.allows(Purpose.ANALYTICS)).isFalse();
        assertThat(whileRestricted.anonymous()).isEqualTo(1);
        assertThat(whileRestricted.personal()).isZero();
        assertThat(shop.grat.export("cook").events()).hasSize(2);
        assertThat(personalizedFor(shop.grat, "cook")).isFalse();

        shop.grat.setRestriction("cook", false, "support");
        assertThat(personalizedFor(shop.grat, "cook")).isTrue();
        assertThat(shop.track(shop.view("cook", "pan-1")).personal()).isEqualTo(1);
    }

    @Test
    void objectionAndRestriction_areEntriesOfTheLedger_thatKeepTheGrantedPurposes() {
        history();

        shop.grat.setObjection("cook", true, "privacy-center");
        ConsentRecord record = shop.grat.setRestriction("cook", true, "support");

        assertThat(record.history()).hasSize(3);
        ConsentEntry last = record.history().getLast();
        assertThat(last.objected()).isTrue();
        assertThat(last.restricted()).isTrue();
        assertThat(last.source()).isEqualTo("support");
        assertThat(last.granted()).contains(Purpose.PERSONALIZATION, Purpose.MARKETING);
        assertThatThrownBy(() -> shop.grat.setObjection("cook", true, " "))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors()).extracting(f -> f.field()).containsExactly("source"));
    }

    @Test
    void receipt_saysWhatWasAgreedAndRefused_withTheNoticeAndTheLedgerEntry() {
        String notice = "We use your views to recommend products. You can withdraw at any time.";
        shop.grat.setConsent("v1", new ConsentChange(Map.of(Purpose.ANALYTICS, true, Purpose.PERSONALIZATION, true),
                "banner", "2026-03", false, notice));
        shop.grat.setConsent("v2", new ConsentChange(Map.of(Purpose.ANALYTICS, true), "banner", "2026-03", false, notice));
        shop.grat.setConsent("v1", new ConsentChange(Map.of(Purpose.MARKETING, false), "account", "2026-03", true));

        ConsentReceipt receipt = shop.grat.consentReceipt("v1").orElseThrow();

        assertThat(receipt.agreed()).containsExactlyInAnyOrder(Purpose.NECESSARY, Purpose.ANALYTICS,
                Purpose.PERSONALIZATION);
        assertThat(receipt.refused()).contains(Purpose.MARKETING).doesNotContain(Purpose.ANALYTICS);
        assertThat(receipt.source()).isEqualTo("account");
        assertThat(receipt.globalPrivacyControl()).isTrue();
        assertThat(receipt.noticeText()).isEqualTo(notice);
        assertThat(receipt.noticeHash()).isEqualTo(ConsentChain.sha256(notice));
        assertThat(receipt.sequence()).isEqualTo(3);
        assertThat(receipt.entryHash()).isEqualTo(shop.grat.verifyConsentLedger().headHash());
        assertThat(receipt.recordedAt()).isEqualTo(Shop.NOW);
        assertThat(shop.grat.consentReceipt("nobody")).isEmpty();
    }

    @Test
    void noticeText_longerThan8KiB_isRefusedNamingTheField() {
        String tooLong = "é".repeat(4097);

        assertThatThrownBy(() -> shop.grat.setConsent("v1",
                new ConsentChange(Map.of(Purpose.ANALYTICS, true), "banner", "1", false, tooLong)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors()).extracting(f -> f.field()).containsExactly("text"));
        assertThat(shop.grat.consent("v1").history()).isEmpty();
    }
}
