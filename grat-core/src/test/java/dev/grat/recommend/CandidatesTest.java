package dev.grat.recommend;

import dev.grat.catalog.Item;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CandidatesTest {

    private static Item item(String id, boolean available) {
        return new Item(id, "Title " + id, "Shoes", null, BigDecimal.TEN, available, null);
    }

    @Test
    void eligibilityIsTestedOncePerItem_andAnIneligibleItemIsNeverCountedNorReturned() {
        AtomicInteger tests = new AtomicInteger();
        Candidates candidates = new Candidates(item -> {
            tests.incrementAndGet();
            return item.available();
        });
        Item a = item("a", true);
        Item gone = item("gone", false);

        assertThat(candidates.add(a, 1.0, "one")).isTrue();
        assertThat(candidates.add(a, 0.5, "two")).isTrue();
        assertThat(candidates.add(gone, 3.0, "x")).isFalse();
        assertThat(candidates.add(gone, 3.0, "x")).isFalse();

        assertThat(tests).hasValue(2);
        assertThat(candidates.size()).isEqualTo(1);
        assertThat(candidates.contains("gone")).isFalse();
        assertThat(candidates.ids()).containsExactly("a");
        assertThat(candidates.top(5)).extracting(ScoredItem::id).containsExactly("a");
    }

    @Test
    void addToEach_addsEachItemsShare_andTheLargestShareGivesTheReason() {
        Candidates candidates = new Candidates(Item::available);
        candidates.add(item("a", true), 0.2, "Because you like ", "Shoes");
        candidates.add(item("b", true), 0.9, "Viewed together");
        candidates.add(item("c", false), 5.0, "never");

        candidates.addToEach(item -> item.id().equals("a") ? 0.5 : 0, "Popular right now");

        assertThat(candidates.top(3)).containsExactly(
                new ScoredItem("b", 0.9, "Viewed together"),
                new ScoredItem("a", 0.7, "Popular right now"));
    }

    @Test
    void top_breaksTiesOfTheRoundedScoreById() {
        Candidates candidates = new Candidates(item -> true);
        candidates.add(item("z", true), 0.30001, "r");
        candidates.add(item("m", true), 0.30004, "r");
        candidates.add(item("a", true), 0.1, "r");

        assertThat(candidates.top(2)).extracting(ScoredItem::id).containsExactly("m", "z");
    }
}
