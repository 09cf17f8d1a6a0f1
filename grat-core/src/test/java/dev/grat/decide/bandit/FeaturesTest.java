package dev.grat.decide.bandit;

import dev.grat.profile.ProfileView;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeaturesTest {

    private static final Instant SATURDAY_EVENING = Instant.parse("2026-03-07T19:30:00Z");
    private final ContextFeatureBuilder builder = new ContextFeatureBuilder(ZoneOffset.UTC, List.of(25.0, 50.0, 100.0));

    @Test
    void withoutProfile_onlyTheRequestContextIsUsed() {
        ContextFeatures features = builder.build(new RequestContext("web", "Mobile", Map.of("page=home", 1.0)), SATURDAY_EVENING, null);
        assertThat(features.groups()).containsExactly(FeatureGroup.REQUEST_CONTEXT);
        assertThat(features.personal()).isFalse();
        assertThat(features.values()).containsOnlyKeys("channel=web", "device=mobile", "daypart=evening", "day=weekend", "page=home");
    }

    @Test
    void withConsentedProfile_everyProfileGroupIsRecorded_asBandsAndTopInterests() {
        ProfileView profile = profile(Map.of("Shoes", 4.0, "Shoes/Running", 2.0, "Bags", 1.0), 3, 72.0,
                SATURDAY_EVENING.minusSeconds(3 * 24 * 3600));
        ContextFeatures features = builder.build(RequestContext.of("app", "desktop"), SATURDAY_EVENING, profile);
        assertThat(features.groups()).containsExactlyInAnyOrder(FeatureGroup.REQUEST_CONTEXT, FeatureGroup.AFFINITIES,
                FeatureGroup.RECENCY, FeatureGroup.FREQUENCY, FeatureGroup.VALUE_BAND);
        assertThat(features.values()).containsEntry("affinity.category=Shoes", 1.0).containsEntry("affinity.category=Shoes/Running", 0.5)
                .containsEntry("affinity.category=Bags", 0.25).containsEntry("recency=week", 1.0)
                .containsEntry("frequency.purchases=2-4", 1.0).containsEntry("value.band=b2", 1.0);
    }

    @Test
    void emptyProfile_addsNoPersonalGroup() {
        ProfileView empty = new ProfileView(Set.of("v"), null, List.of(), Map.of(), Map.of(), Map.of(), Map.of(), 0,
                BigDecimal.ZERO, 0, 0, null, null, List.of());
        assertThat(builder.build(RequestContext.none(), SATURDAY_EVENING, empty).groups()).containsExactly(FeatureGroup.REQUEST_CONTEXT);
    }

    @Test
    void encoder_isDeterministic_andTheContextChangesEveryCandidatesVector() {
        FeatureEncoder encoder = new FeatureEncoder(64, true);
        Candidate shoes = new Candidate("o1", Map.of("category=Shoes", 1.0, "discount", 0.2));
        ContextFeatures mobile = new ContextFeatures(Map.of("device=mobile", 1.0), Set.of(FeatureGroup.REQUEST_CONTEXT));
        ContextFeatures desktop = new ContextFeatures(Map.of("device=desktop", 1.0), Set.of(FeatureGroup.REQUEST_CONTEXT));
        FeatureVector first = encoder.encode(mobile, shoes);
        assertThat(encoder.encode(mobile, shoes)).isEqualTo(first);
        assertThat(first.dimension()).isEqualTo(64);
        assertThat(first.nonZeros()).isBetween(5, 8);
        assertThat(encoder.encode(desktop, shoes)).isNotEqualTo(first);
        FeatureEncoder noInteractions = new FeatureEncoder(64, false);
        assertThat(noInteractions.encode(mobile, shoes).nonZeros()).isLessThan(first.nonZeros());
    }

    @Test
    void encoder_addsAMatchFeature_whenTheVisitorLikesTheCandidatesCategory() {
        FeatureEncoder encoder = new FeatureEncoder(256, false);
        Candidate shoes = new Candidate("o1", Map.of("category=Shoes", 1.0));
        ContextFeatures likesShoes = new ContextFeatures(Map.of("affinity.category=Shoes", 0.8), Set.of(FeatureGroup.AFFINITIES));
        ContextFeatures likesBags = new ContextFeatures(Map.of("affinity.category=Bags", 0.8), Set.of(FeatureGroup.AFFINITIES));
        assertThat(encoder.encode(likesShoes, shoes).nonZeros()).isEqualTo(encoder.encode(likesBags, shoes).nonZeros() + 1);
    }

    @Test
    void featureVector_checksItsInput() {
        assertThat(FeatureVector.sparse(5, new int[]{3, 1}, new double[]{2, 1}).toDense()).containsExactly(0, 1, 0, 2, 0);
        assertThatThrownBy(() -> FeatureVector.sparse(5, new int[]{5}, new double[]{1})).hasMessageContaining("outside");
        assertThatThrownBy(() -> FeatureVector.dense(1, Double.NaN)).hasMessageContaining("finite");
    }

    static ProfileView profile(Map<String, Double> categories, int purchases, double averagePrice, Instant lastSeen) {
        return new ProfileView(Set.of("v"), null, List.of(), categories, Map.of(), Map.of(), Map.of(), purchases,
                BigDecimal.valueOf(purchases * averagePrice), averagePrice, 40, lastSeen.minusSeconds(86400 * 30), lastSeen, List.of());
    }
}
