package dev.grat.privacy;

import dev.grat.Grat;
import dev.grat.Shop;
import dev.grat.consent.ConsentChange;
import dev.grat.consent.Purpose;
import dev.grat.decide.Comparison;
import dev.grat.decide.Condition;
import dev.grat.decide.ContentVariant;
import dev.grat.decide.ProfileField;
import dev.grat.decide.bandit.Candidate;
import dev.grat.decide.bandit.DecisionAnswer;
import dev.grat.decide.bandit.DecisionRequest;
import dev.grat.decide.bandit.PolicyConfig;
import dev.grat.decide.bandit.RequestContext;
import dev.grat.event.EventType;
import dev.grat.event.IngestResult;
import dev.grat.recommend.RecommendationRequest;
import dev.grat.recommend.Recommendations;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each privacy level, what every decision says about it, and the session-only visitor kept in memory. */
class PrivacyLevelsTest {

    private final Shop shop = new Shop();

    @BeforeEach
    void othersBrowseShoesTogether() {
        for (String other : List.of("o1", "o2", "o3")) {
            shop.consent(other, Purpose.PERSONALIZATION);
            shop.track(shop.view(other, "shoe-1"), shop.view(other, "shoe-2"), shop.view(other, "sock-1"));
        }
        shop.grat.putContent("greeting", List.of(
                new ContentVariant("shoes", "New shoes are in",
                        List.of(new Condition(ProfileField.TOP_CATEGORY, Comparison.EQ, "Women"))),
                new ContentVariant("hello", "Welcome", List.of())));
        shop.grat.configureSlot("offer", PolicyConfig.linUcb());
    }

    @Test
    void theLevel_followsConsentAndIdentityLinks() {
        grant("context");
        grant("session", Purpose.SESSION);
        grant("first", Purpose.PERSONALIZATION);
        grant("linked", Purpose.PERSONALIZATION, Purpose.SESSION);
        shop.track(shop.event(EventType.PAGE_VIEW, "linked").customerId("c1").build());

        assertThat(shop.grat.privacyLevel("context")).isEqualTo(PrivacyLevel.CONTEXT);
        assertThat(shop.grat.privacyLevel("never-seen")).isEqualTo(PrivacyLevel.CONTEXT);
        assertThat(shop.grat.privacyLevel("session")).isEqualTo(PrivacyLevel.SESSION);
        assertThat(shop.grat.privacyLevel("first")).isEqualTo(PrivacyLevel.FIRST_PARTY);
        assertThat(shop.grat.privacyLevel("linked")).isEqualTo(PrivacyLevel.CROSS_CHANNEL);
        assertThat(shop.grat.consent("session").current().allowsStoringEvents()).isFalse();
    }

    @Test
    void everyDecision_saysItsLevelAndTheDataItDrewOn() {
        grant("first", Purpose.PERSONALIZATION);
        shop.track(shop.view("first", "shoe-1"), shop.purchase("first", "sock-1"));

        Recommendations recs = shop.grat.recommend(RecommendationRequest.home("first", 3));
        assertThat(recs.privacyLevel()).isEqualTo(PrivacyLevel.FIRST_PARTY);
        assertThat(recs.dataUsed()).contains(DataUse.INTERACTION_HISTORY, DataUse.PURCHASE_HISTORY,
                DataUse.DERIVED_INTERESTS).doesNotContain(DataUse.SESSION_ACTIVITY, DataUse.LINKED_IDENTITIES);
        assertThat(shop.grat.navigation("first").privacyLevel()).isEqualTo(PrivacyLevel.FIRST_PARTY);
        assertThat(shop.grat.navigation("first").dataUsed()).contains(DataUse.DERIVED_INTERESTS);
        assertThat(shop.grat.content("first", "greeting").privacyLevel()).isEqualTo(PrivacyLevel.FIRST_PARTY);
        DecisionAnswer decision = decide("first");
        assertThat(decision.privacyLevel()).isEqualTo(PrivacyLevel.FIRST_PARTY);
        assertThat(decision.dataUsed()).contains(DataUse.REQUEST_CONTEXT, DataUse.DERIVED_INTERESTS);

        Recommendations anonymous = shop.grat.recommend(RecommendationRequest.home("stranger", 3));
        assertThat(anonymous.privacyLevel()).isEqualTo(PrivacyLevel.CONTEXT);
        assertThat(anonymous.personalized()).isFalse();
        assertThat(anonymous.dataUsed()).containsExactly(DataUse.REQUEST_CONTEXT, DataUse.POPULARITY);
        assertThat(shop.grat.navigation("stranger").dataUsed()).containsExactly(DataUse.POPULARITY);
        assertThat(shop.grat.content("stranger", "greeting").dataUsed()).containsExactly(DataUse.REQUEST_CONTEXT);
        assertThat(decide("stranger").dataUsed()).containsExactly(DataUse.REQUEST_CONTEXT);
        assertThat(decide("stranger").privacyLevel()).isEqualTo(PrivacyLevel.CONTEXT);
    }

    @Test
    void aSessionVisitor_getsPersonalizedDecisionsAfterAFewViews_withNothingStored() {
        grant("s1", Purpose.SESSION);

        IngestResult result = shop.track(shop.view("s1", "shoe-1"), shop.view("s1", "shoe-2"),
                shop.event(EventType.SEARCH, "s1").query("running shoes").build());

        assertThat(result.personal()).isZero();
        assertThat(result.anonymous()).isEqualTo(3);
        Recommendations recs = shop.grat.recommend(RecommendationRequest.home("s1", 3));
        assertThat(recs.personalized()).isTrue();
        assertThat(recs.privacyLevel()).isEqualTo(PrivacyLevel.SESSION);
        assertThat(recs.dataUsed()).contains(DataUse.SESSION_ACTIVITY).doesNotContain(DataUse.INTERACTION_HISTORY);
        assertThat(recs.items()).extracting(item -> item.id()).contains("sock-1");
        assertThat(recs.items()).anySatisfy(item -> assertThat(item.reason()).startsWith("Because you viewed"));
        assertThat(shop.grat.navigation("s1").personalized()).isTrue();
        assertThat(shop.grat.content("s1", "greeting").variantId()).isEqualTo("shoes");
        DecisionAnswer decision = decide("s1");
        assertThat(decision.privacyLevel()).isEqualTo(PrivacyLevel.SESSION);
        assertThat(decision.dataUsed()).contains(DataUse.SESSION_ACTIVITY);
        assertThat(shop.grat.loggedDecisions("offer")).allSatisfy(record -> assertThat(record.visitorId()).isNull());

        assertThat(shop.store.events().eventsOf("s1")).isEmpty();
        SubjectExport export = shop.grat.export("s1");
        assertThat(export.events()).isEmpty();
        assertThat(export.profile()).isNull();
        assertThat(shop.grat.stats().profiles()).isEqualTo(3);
        assertThat(shop.grat.trainModel().users()).isEqualTo(3);
    }

    @Test
    void afterARestart_theSessionIsGone() {
        grant("s1", Purpose.SESSION);
        shop.track(shop.view("s1", "shoe-1"), shop.view("s1", "shoe-2"));

        Grat restarted = shop.engine();

        Recommendations recs = restarted.recommend(RecommendationRequest.home("s1", 3));
        assertThat(recs.privacyLevel()).isEqualTo(PrivacyLevel.SESSION);
        assertThat(recs.personalized()).isFalse();
    }

    @Test
    void withdrawingSessionConsent_orErasure_endsTheSession() {
        grant("s1", Purpose.SESSION);
        grant("s2", Purpose.SESSION);
        shop.track(shop.view("s1", "shoe-1"), shop.view("s2", "shoe-1"));

        shop.grat.setConsent("s1", new ConsentChange(Map.of(Purpose.SESSION, false), "banner", "v1", false));
        assertThat(shop.grat.erase("s2").removedFrom()).contains("session profile (in memory)");
        grant("s1", Purpose.SESSION);
        grant("s2", Purpose.SESSION);

        assertThat(shop.grat.recommend(RecommendationRequest.home("s1", 3)).personalized()).isFalse();
        assertThat(shop.grat.recommend(RecommendationRequest.home("s2", 3)).personalized()).isFalse();
    }

    @Test
    void grantingPersonalization_replacesTheSessionByAStoredProfile_withoutStoringTheSessionAfterwards() {
        grant("s1", Purpose.SESSION);
        shop.track(shop.view("s1", "shoe-1"));

        grant("s1", Purpose.SESSION, Purpose.PERSONALIZATION);

        Recommendations recs = shop.grat.recommend(RecommendationRequest.home("s1", 3));
        assertThat(recs.privacyLevel()).isEqualTo(PrivacyLevel.FIRST_PARTY);
        assertThat(recs.personalized()).isFalse();
        assertThat(shop.store.events().eventsOf("s1")).isEmpty();
    }

    private void grant(String visitorId, Purpose... purposes) {
        Map<Purpose, Boolean> granted = new java.util.EnumMap<>(Purpose.class);
        for (Purpose purpose : List.of(Purpose.ANALYTICS, Purpose.PERSONALIZATION, Purpose.MARKETING, Purpose.SESSION)) {
            granted.put(purpose, List.of(purposes).contains(purpose));
        }
        shop.grat.setConsent(visitorId, new ConsentChange(granted, "banner", "v1", false));
    }

    private DecisionAnswer decide(String visitorId) {
        return shop.grat.decide(new DecisionRequest(visitorId, "offer",
                List.of(new Candidate("a", Map.of("discount", 0.1)), new Candidate("b", Map.of("discount", 0.2))),
                RequestContext.of("web", "mobile"), null));
    }
}
