package dev.grat.bench.spark.worker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The worker's logic that needs no Spark: reading a split file and ranking by Spark's factors. */
class TopListsTest {

    @TempDir
    Path dir;

    private TrainingData read(String... lines) throws IOException {
        Path file = dir.resolve("train.tsv");
        Files.write(file, List.of(lines));
        return TrainingData.read(file);
    }

    @Test
    void read_mapsIdsToDenseIndices_andKeepsEachPairOnce() throws IOException {
        TrainingData data = read("u1\ta\t4\t10", "u2\tb\t5\t11", "u1\ta\t3\t12", "u1\tc\t1\t13");

        assertThat(data.userCount()).isEqualTo(2);
        assertThat(data.itemCount()).isEqualTo(3);
        assertThat(data.pairs()).hasSize(3);
        assertThat(data.hasSeen(0, 0)).isTrue();
        assertThat(data.hasSeen(1, 0)).isFalse();
        assertThat(data.userId(1)).isEqualTo("u2");
        assertThat(data.itemId(2)).isEqualTo("c");
    }

    @Test
    void read_refusesALineWithoutAnItem_namingTheLine() {
        assertThatThrownBy(() -> read("u1\ta\t1\t1", "u2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
    }

    @Test
    void best_ranksUnseenItemsByTheDotProductOfFactors() throws IOException {
        // u1 has seen a; items a, b, c, d
        TrainingData data = read("u1\ta\t1\t1", "u2\tb\t1\t1", "u2\tc\t1\t1", "u2\td\t1\t1");
        float[] user = {1, 2};
        float[][] items = {{10, 10}, {1, 0}, {0, 1}, {1, 1}};

        assertThat(TopLists.best(data, 0, user, items, 2)).containsExactly(3, 2);
        assertThat(TopLists.best(data, 0, user, items, 10)).containsExactly(3, 2, 1);
    }

    @Test
    void best_skipsItemsWithoutFactors() throws IOException {
        TrainingData data = read("u1\ta\t1\t1", "u2\tb\t1\t1", "u2\tc\t1\t1");
        float[][] items = {{1}, null, {2}};

        assertThat(TopLists.best(data, 0, new float[] {1}, items, 5)).containsExactly(2);
    }

    @Test
    void write_putsOneLinePerUserWithFactors_bestFirst() throws IOException {
        TrainingData data = read("u1\ta\t1\t1", "u2\tb\t1\t1", "u3\tc\t1\t1");
        Path out = dir.resolve("lists.tsv");

        TopLists.write(out, data, new float[][] {{1}, {-1}, null}, new float[][] {{1}, {2}, {3}}, 2);

        assertThat(Files.readAllLines(out)).containsExactly("u1\tc\tb", "u2\ta\tc");
    }

    @Test
    void fitRequest_parsesTheProtocolLine() {
        FitRequest r = FitRequest.parse("fit\t/tmp/t.tsv\t64\t15\t0.1\t10.0\t42\t2\t10\t-");

        assertThat(r.rank()).isEqualTo(64);
        assertThat(r.iterations()).isEqualTo(15);
        assertThat(r.regParam()).isEqualTo(0.1);
        assertThat(r.alpha()).isEqualTo(10.0);
        assertThat(r.blocks()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThatThrownBy(() -> FitRequest.parse("fit\tx")).isInstanceOf(IllegalArgumentException.class);
    }
}
