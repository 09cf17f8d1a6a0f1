package dev.grat.bench.spark;

import dev.grat.recommend.model.Interactions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RankedListsTest {

    private final Interactions train = Interactions.builder()
            .add("ann", "a", 1).add("bob", "b", 1).add("bob", "c", 1)
            .addItem("d").addItem("e").build();

    private int[] ids(String... items) {
        int[] out = new int[items.length];
        for (int i = 0; i < items.length; i++) {
            out[i] = train.items().find(items[i]);
        }
        return out;
    }

    @Test
    void recommend_givesEachUserTheirOwnList() {
        RankedLists lists = RankedLists.of(train, Map.of("ann", List.of("d", "b"), "bob", List.of("e", "a", "d")));

        assertThat(lists.recommend(train.historyOf(train.users().find("ann")), 10, i -> false)).containsExactly(ids("d", "b"));
        assertThat(lists.recommend(train.historyOf(train.users().find("bob")), 10, i -> false))
                .containsExactly(ids("e", "a", "d"));
    }

    @Test
    void recommend_leavesOutTheHistoryAndExcludedItems_andCutsToCount() {
        RankedLists lists = RankedLists.of(train, Map.of("bob", List.of("b", "e", "a", "d")));
        int a = train.items().find("a");

        assertThat(lists.recommend(train.historyOf(train.users().find("bob")), 1, i -> false)).containsExactly(ids("e"));
        assertThat(lists.recommend(train.historyOf(train.users().find("bob")), 5, i -> i == a))
                .containsExactly(ids("e", "d"));
    }

    @Test
    void scores_rankListedItemsAboveAllOthers() {
        RankedLists lists = RankedLists.of(train, Map.of("ann", List.of("d", "b")));
        float[] scores = lists.scores(train.historyOf(train.users().find("ann")));

        assertThat(scores[train.items().find("d")]).isGreaterThan(scores[train.items().find("b")]);
        assertThat(scores[train.items().find("b")]).isGreaterThan(scores[train.items().find("e")]);
    }

    @Test
    void of_refusesAnItemThatIsNotInTheTrainingData() {
        assertThatThrownBy(() -> RankedLists.of(train, Map.of("ann", List.of("zzz"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'zzz'").hasMessageContaining("'ann'");
    }

    @Test
    void of_refusesDifferentListsForUsersWithTheSameHistory() {
        Interactions twins = Interactions.builder().add("x", "a", 1).add("y", "a", 1).addItem("b").addItem("c").build();

        assertThatThrownBy(() -> RankedLists.of(twins, Map.of("x", List.of("b"), "y", List.of("c"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same training history");
        assertThat(RankedLists.of(twins, Map.of("x", List.of("b"), "y", List.of("b"))).itemCount()).isEqualTo(3);
    }
}
