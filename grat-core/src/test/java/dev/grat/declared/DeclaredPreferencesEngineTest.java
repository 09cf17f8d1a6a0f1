package dev.grat.declared;

import dev.grat.EngineSettings;
import dev.grat.Grat;
import dev.grat.InvalidInputException;
import dev.grat.MovingClock;
import dev.grat.Shop;
import dev.grat.consent.ConsentChange;
import dev.grat.consent.Purpose;
import dev.grat.decide.Navigation;
import dev.grat.decide.NavigationEntry;
import dev.grat.event.FieldError;
import dev.grat.privacy.DataUse;
import dev.grat.privacy.ErasureReceipt;
import dev.grat.privacy.TransparencyReport;
import dev.grat.privacy.retention.RetentionPeriods;
import dev.grat.privacy.retention.RetentionReport;
import dev.grat.recommend.RecommendationRequest;
import dev.grat.recommend.Recommendations;
import dev.grat.recommend.ScoredItem;
import dev.grat.store.InMemoryStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeclaredPreferencesEngineTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    private static final DeclaredPreferences LIKES_SHOES = new DeclaredPreferences(List.of("Women/Shoes"),
            List.of("Ferro"), List.of("Men"), Map.of("shoes", "39"));

    private final MovingClock clock = new MovingClock(T0);
    private final InMemoryStore store = new InMemoryStore();
    private final Grat grat = Grat.builder().store(store).clock(clock).retentionEvery(Duration.ZERO)
            .retention(RetentionPeriods.defaults().withDeclaredPreferences(Duration.ofDays(30)))
            .settings(EngineSettings.defaults().withPopularityRefresh(Duration.ZERO)).build();

    DeclaredPreferencesEngineTest() {
        grat.putItems(List.of(
                Shop.item("jacket-1", "Rain Jacket", "Men/Jackets", "Nordic", "149.00"),
                Shop.item("jacket-2", "Down Jacket", "Men/Jackets", "Nordic", "229.00"),
                Shop.item("shoe-1", "Trail Runner", "Women/Shoes", "Alpina", "89.00"),
                Shop.item("shoe-2", "City Sneaker", "Women/Shoes", "Alpina", "59.00"),
                Shop.item("pan-1", "Iron Pan", "Home/Kitchen", "Ferro", "39.00"),
                Shop.item("pot-1", "Stock Pot", "Home/Kitchen", "Other", "49.00")));
    }

    @AfterEach
    void close() {
        grat.close();
    }

    @Test
    void withoutPersonalizationConsent_aDeclarationIsRefusedNamingTheVisitor_andNothingIsKept() {
        grat.setConsent("v1", new ConsentChange(Map.of(Purpose.ANALYTICS, true), "banner", "v1", false));

        assertThatThrownBy(() -> grat.declarePreferences("v1", LIKES_SHOES, "visitor"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("visitorId"));
        assertThat(store.declared().get("v1")).isEmpty();
    }

    @Test
    void recommendations_leaveOutDislikedCategories_andSayWhenAPickIsWhatTheVisitorToldUs() {
        personal("v1");
        Recommendations before = grat.recommend(RecommendationRequest.home("v1", 6));
        assertThat(before.items()).extracting(ScoredItem::id).contains("jacket-1");

        grat.declarePreferences("v1", LIKES_SHOES, "visitor");
        Recommendations after = grat.recommend(RecommendationRequest.home("v1", 6));

        assertThat(after.items()).extracting(ScoredItem::id).doesNotContain("jacket-1", "jacket-2");
        assertThat(after.items().subList(0, 3)).extracting(ScoredItem::id)
                .containsExactlyInAnyOrder("shoe-1", "shoe-2", "pan-1");
        assertThat(after.items().getFirst().reason()).startsWith("Because you told us you like ");
        assertThat(after.items()).filteredOn(i -> i.id().equals("pan-1")).extracting(ScoredItem::reason)
                .containsExactly("Because you told us you like Ferro");
        assertThat(after.personalized()).isTrue();
        assertThat(after.dataUsed()).contains(DataUse.DECLARED_PREFERENCES);
        assertThat(grat.recommend(RecommendationRequest.product("v1", "shoe-1", 5)).items())
                .extracting(ScoredItem::id).doesNotContain("jacket-1", "jacket-2");
    }

    @Test
    void navigation_putsLikedCategoriesFirst_andDislikedOnesLast() {
        personal("v1");
        grat.declarePreferences("v1", new DeclaredPreferences(List.of("Women/Shoes"), List.of(), List.of("Home"),
                Map.of()), "visitor");

        Navigation navigation = grat.navigation("v1");

        assertThat(navigation.categories()).extracting(NavigationEntry::category).containsExactly("Women", "Men", "Home");
        assertThat(navigation.categories().getFirst().reason()).isEqualTo("You told us you like Women/Shoes");
        assertThat(navigation.dataUsed()).contains(DataUse.DECLARED_PREFERENCES);
        assertThat(grat.navigation("someone-else").categories().getFirst().reason()).doesNotContain("told us");
    }

    @Test
    void aNewDeclarationReplacesTheOldOneWhole_inTheStoreTheExportAndTheRecommendations() {
        personal("v1");
        grat.declarePreferences("v1", LIKES_SHOES, "visitor");
        clock.advance(Duration.ofMinutes(5));

        Declaration corrected = grat.declarePreferences("v1", new DeclaredPreferences(List.of("Men/Jackets"),
                List.of(), List.of(), Map.of()), "support");

        assertThat(store.declared().get("v1")).contains(corrected);
        assertThat(grat.export("v1").declared()).isEqualTo(corrected);
        assertThat(corrected.declaredAt()).isEqualTo(clock.instant());
        assertThat(corrected.preferences().sizes()).isEmpty();
        assertThat(grat.recommend(RecommendationRequest.home("v1", 6)).items()).extracting(ScoredItem::id)
                .contains("jacket-1").first().isIn("jacket-1", "jacket-2");
    }

    @Test
    void restrictionKeepsTheDeclarationUnused_andItCanStillBeCorrected() {
        personal("v1");
        grat.declarePreferences("v1", LIKES_SHOES, "visitor");
        grat.setRestriction("v1", true, "support");

        assertThat(grat.recommend(RecommendationRequest.home("v1", 6)).dataUsed())
                .doesNotContain(DataUse.DECLARED_PREFERENCES);
        Declaration corrected = grat.declarePreferences("v1", DeclaredPreferences.none(), "support");
        assertThat(grat.declaredPreferences("v1")).contains(corrected);
    }

    @Test
    void withdrawingPersonalization_removesTheDeclaration() {
        personal("v1");
        grat.declarePreferences("v1", LIKES_SHOES, "visitor");

        grat.setConsent("v1", new ConsentChange(Map.of(Purpose.ANALYTICS, true, Purpose.PERSONALIZATION, false),
                "banner", "v1", false));

        assertThat(store.declared().get("v1")).isEmpty();
        assertThat(grat.declaredPreferences("v1")).isEmpty();
        assertThat(grat.export("v1").declared()).isNull();
    }

    @Test
    void erasure_removesTheDeclarationFromStoreAndMemory_andTheReceiptSaysSo() {
        personal("v1");
        personal("v2");
        grat.declarePreferences("v1", LIKES_SHOES, "visitor");
        grat.declarePreferences("v2", LIKES_SHOES, "visitor");

        ErasureReceipt receipt = grat.erase("v1");

        assertThat(receipt.removedFrom()).contains("declared preferences");
        assertThat(store.declared().get("v1")).isEmpty();
        assertThat(grat.declaredPreferences("v1")).isEmpty();
        assertThat(grat.declaredPreferences("v2")).isPresent();
    }

    @Test
    void theTransparencyReportCountsDeclarations() {
        personal("v1");
        personal("v2");
        grat.declarePreferences("v1", LIKES_SHOES, "visitor");
        grat.declarePreferences("v2", LIKES_SHOES, "visitor");

        TransparencyReport.Entry entry = grat.transparencyReport().categories().stream()
                .filter(e -> e.category().id().equals("declared-preferences")).findFirst().orElseThrow();

        assertThat(entry.holdings().subjects()).isEqualTo(2);
        assertThat(entry.holdings().records()).isEqualTo(2);
    }

    @Test
    void retention_removesDeclarationsNotRenewedWithinThePeriod_andKeepsCorrectedOnes() {
        personal("old");
        personal("renewed");
        grat.declarePreferences("old", LIKES_SHOES, "visitor");
        grat.declarePreferences("renewed", LIKES_SHOES, "visitor");
        clock.advance(Duration.ofDays(20));
        grat.declarePreferences("renewed", LIKES_SHOES, "visitor");
        clock.advance(Duration.ofDays(11));

        RetentionReport report = grat.runRetention();

        assertThat(report.category("declared preferences").removed()).isEqualTo(1);
        assertThat(store.declared().get("old")).isEmpty();
        assertThat(grat.declaredPreferences("old")).isEmpty();
        assertThat(grat.declaredPreferences("renewed")).isPresent();
        assertThat(grat.recommend(RecommendationRequest.home("old", 6)).dataUsed())
                .doesNotContain(DataUse.DECLARED_PREFERENCES);
    }

    @Test
    void declarationsSurviveARestart() {
        personal("v1");
        Declaration declaration = grat.declarePreferences("v1", LIKES_SHOES, "visitor");

        try (Grat restarted = Grat.builder().store(store).clock(clock).retentionEvery(Duration.ZERO).build()) {
            assertThat(restarted.declaredPreferences("v1")).contains(declaration);
        }
    }

    private void personal(String visitorId) {
        grat.setConsent(visitorId, new ConsentChange(Map.of(Purpose.ANALYTICS, true, Purpose.PERSONALIZATION, true),
                "banner", "v1", false));
    }
}
