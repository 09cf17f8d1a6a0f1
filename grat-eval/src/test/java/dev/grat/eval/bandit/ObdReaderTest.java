package dev.grat.eval.bandit;

import dev.grat.decide.bandit.Candidate;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObdReaderTest {

    @Test
    void read_mapsEveryObdColumn_toRoundsAndFeatures() throws IOException {
        ObdLog log = ObdReader.read(Fixtures.obd(), "bts", "men");
        assertThat(log.rounds()).hasSize(600);
        assertThat(log.items()).extracting(Candidate::id).containsExactly("item-0", "item-1", "item-2", "item-3");
        assertThat(log.positions()).isEqualTo(3);
        BanditRound first = log.rounds().getFirst();
        assertThat(first.chosen()).isEqualTo(2);
        assertThat(first.position()).isZero();
        assertThat(first.propensity()).isEqualTo(0.7);
        assertThat(first.reward()).isZero();
        assertThat(first.context().values()).containsKeys("position=1", "user_feature_0=aaaa1111bbbb", "user_feature_3=0123456789ab");
        assertThat(log.items().get(1).features()).containsKeys("item=1", "item_feature_0", "item_feature_1=91aaaaaaaaaa");
        assertThat(log.rounds()).anySatisfy(r -> assertThat(r.context().values()).containsKey("affinity.item=2"));
    }

    @Test
    void read_namesTheExpectedLayout_whenAFolderIsMissing() {
        assertThatThrownBy(() -> ObdReader.read(Path.of("/nonexistent"), "random", "women"))
                .isInstanceOf(IOException.class).hasMessageContaining("DIR/random/women/");
    }
}
