package dev.grat.catalog;

import dev.grat.store.InMemoryStore;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogLineageTest {

    private final Catalog catalog = new Catalog(new InMemoryStore().catalog());

    @Test
    void aPathOfTheCatalog_givesTheSameStringsEveryTime_andSiblingsShareTheirAncestor() {
        catalog.put(List.of(item("shoe", "Women/Shoes"), item("dress", "Women/Dresses")), 10);

        List<String> shoes = catalog.lineage("Women/Shoes");
        List<String> again = catalog.lineage(new String("Women/Shoes"));
        List<String> dresses = catalog.lineage("Women/Dresses");

        assertThat(shoes).containsExactly("Women", "Women/Shoes");
        assertThat(again.get(0)).isSameAs(shoes.get(0));
        assertThat(again.get(1)).isSameAs(shoes.get(1));
        assertThat(dresses.get(0)).isSameAs(shoes.get(0));
    }

    @Test
    void aPathOutsideTheCatalog_isSplitAsCategoryPathsDoes_andNoPathHasNoLineage() {
        assertThat(catalog.lineage("Men/Hats/Caps")).isEqualTo(CategoryPaths.lineage("Men/Hats/Caps"))
                .containsExactly("Men", "Men/Hats", "Men/Hats/Caps");
        assertThat(catalog.lineage(null)).isEmpty();
    }

    private static Item item(String id, String category) {
        return new Item(id, "A " + id, category, "acme", new BigDecimal("10.00"), true, Map.of());
    }
}
