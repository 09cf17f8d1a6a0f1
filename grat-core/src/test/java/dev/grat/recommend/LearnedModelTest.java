package dev.grat.recommend;

import dev.grat.EngineSettings;
import dev.grat.Grat;
import dev.grat.Shop;
import dev.grat.consent.Purpose;
import dev.grat.recommend.model.AlsParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class LearnedModelTest {

    private final Shop shop = new Shop();

    /** Shoe people view shoes and socks, jacket people view jackets; one anonymous crowd too. */
    private void history() {
        for (int v = 0; v < 12; v++) {
            String visitor = "shoes-" + v;
            shop.consent(visitor, Purpose.ANALYTICS, Purpose.PERSONALIZATION);
            shop.track(shop.view(visitor, "shoe-1"), shop.view(visitor, "shoe-2"), shop.view(visitor, "sock-1"));
            String other = "jackets-" + v;
            shop.consent(other, Purpose.ANALYTICS, Purpose.PERSONALIZATION);
            shop.track(shop.view(other, "jacket-1"), shop.view(other, "jacket-2"));
        }
        for (int v = 0; v < 5; v++) {
            shop.track(shop.view("anon-" + v, "pan-1"));
        }
    }

    @Test
    void trainedModel_personalizesANewVisitorFromTheirFirstClick_withAReason() {
        history();
        ModelService.TrainingReport report = shop.grat.trainModel();
        assertThat(report.users()).isEqualTo(24);
        shop.consent("newcomer", Purpose.PERSONALIZATION);
        shop.track(shop.view("newcomer", "shoe-1"));

        Recommendations recs = shop.grat.recommend(RecommendationRequest.home("newcomer", 3));

        assertThat(recs.strategy()).isEqualTo("personal-als-blend");
        assertThat(recs.items()).extracting(ScoredItem::id).startsWith("shoe-2");
        assertThat(recs.items().getFirst().reason()).isEqualTo("Because you viewed Trail Runner");
    }

    @Test
    void training_usesOnlyVisitorsWhoConsentToPersonalization_andForgetsErasedOnes() {
        history();
        shop.consent("analyst", Purpose.ANALYTICS);
        shop.track(shop.view("analyst", "pan-1"), shop.view("analyst", "jacket-1"));
        assertThat(shop.grat.trainModel().users()).isEqualTo(24);
        shop.grat.erase("shoes-0");
        assertThat(shop.grat.trainModel().users()).isEqualTo(23);
    }

    @Test
    void savedModel_isLoadedAtStart(@TempDir Path models) {
        history();
        Grat trained = Grat.builder().store(shop.store).clock(shop.clock).modelRepository(ModelRepository.inDirectory(models))
                .settings(EngineSettings.defaults().withPopularityRefresh(Duration.ZERO))
                .models(ModelSettings.onDemand().withAls(AlsParams.defaults().withFactors(8))).build();
        trained.trainModel();
        shop.consent("newcomer", Purpose.PERSONALIZATION);
        shop.track(shop.view("newcomer", "jacket-1"));

        Grat restarted = Grat.builder().store(shop.store).clock(shop.clock).modelRepository(ModelRepository.inDirectory(models))
                .settings(EngineSettings.defaults().withPopularityRefresh(Duration.ZERO)).build();

        assertThat(restarted.recommend(RecommendationRequest.home("newcomer", 2)).strategy()).isEqualTo("personal-als-blend");
        assertThat(models.resolve("model.bin")).exists();
    }
}
