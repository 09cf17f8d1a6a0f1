package dev.grat.server.demo;

import dev.grat.Grat;
import dev.grat.catalog.CategoryPaths;
import dev.grat.catalog.Item;
import dev.grat.decide.Comparison;
import dev.grat.decide.ContentVariant;
import dev.grat.decide.ProfileField;
import dev.grat.store.InMemoryStore;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class DemoShopTest {

    private final DemoShop shop = DemoShop.generate(7);

    @Test
    void generate_sameSeed_givesTheSameShop() {
        DemoShop again = DemoShop.generate(7);

        assertThat(again.items()).isEqualTo(shop.items());
        assertThat(again.contentSlots()).isEqualTo(shop.contentSlots());
    }

    @Test
    void generate_otherSeed_givesAnotherCatalog() {
        assertThat(DemoShop.generate(8).items()).isNotEqualTo(shop.items());
    }

    @Test
    void catalog_holdsAFewHundredProductsInFiveDepartmentsWithSubcategories() {
        assertThat(shop.items()).hasSizeBetween(300, 400);
        assertThat(shop.items()).extracting(Item::id).doesNotHaveDuplicates();
        assertThat(shop.items()).extracting(Item::title).doesNotHaveDuplicates();
        Map<String, Set<String>> subcategories = shop.items().stream().collect(Collectors.groupingBy(
                item -> CategoryPaths.root(item.category()), Collectors.mapping(Item::category, Collectors.toSet())));
        assertThat(subcategories).containsOnlyKeys("Women", "Men", "Home", "Sports", "Electronics");
        assertThat(subcategories.values()).allSatisfy(paths -> assertThat(paths).hasSizeGreaterThanOrEqualTo(3));
        assertThat(shop.items()).allSatisfy(item -> assertThat(item.categoryLineage()).hasSize(2));
    }

    @Test
    void catalog_hasSeveralBrandsPerDepartmentAndTitlesNamingTheBrand() {
        Map<String, Set<String>> brands = shop.items().stream().collect(Collectors.groupingBy(
                item -> CategoryPaths.root(item.category()), Collectors.mapping(Item::brand, Collectors.toSet())));

        assertThat(brands.values()).allSatisfy(set -> assertThat(set).hasSizeGreaterThanOrEqualTo(4));
        assertThat(shop.items()).allSatisfy(item -> assertThat(item.title()).startsWith(item.brand() + " "));
    }

    @Test
    void prices_spreadWithinEachCategory() {
        Map<String, List<BigDecimal>> prices = shop.items().stream().collect(Collectors.groupingBy(
                Item::category, Collectors.mapping(Item::price, Collectors.toList())));

        assertThat(shop.items()).allSatisfy(item -> {
            assertThat(item.price()).isPositive();
            assertThat(item.price().scale()).isEqualTo(2);
        });
        assertThat(prices.values()).allSatisfy(list -> {
            BigDecimal min = list.stream().min(BigDecimal::compareTo).orElseThrow();
            BigDecimal max = list.stream().max(BigDecimal::compareTo).orElseThrow();
            assertThat(max).isGreaterThan(min.multiply(BigDecimal.TWO));
        });
    }

    @Test
    void catalog_marksSomeItemsUnavailableAndSomeOnSale() {
        long unavailable = shop.items().stream().filter(item -> !item.available()).count();
        long onSale = shop.items().stream().filter(item -> item.attributes().get("onSale").equals("true")).count();

        assertThat(unavailable).isBetween(1L, shop.items().size() / 5L);
        assertThat(onSale).isBetween(1L, shop.items().size() / 3L);
        assertThat(shop.items()).allSatisfy(item ->
                assertThat(item.attributes()).containsKeys("colour", "material", "onSale"));
    }

    @Test
    void greeting_hasAVariantForEachAudienceAndADefaultLast() {
        List<ContentVariant> greeting = shop.contentSlots().get(DemoShop.GREETING_SLOT);

        assertThat(greeting).extracting(ContentVariant::id).containsExactly(
                "big-spender", "bargain-hunter", "returning-visitor", "new-visitor", "default");
        assertThat(greeting.getFirst().conditions()).singleElement().satisfies(condition -> {
            assertThat(condition.field()).isEqualTo(ProfileField.TOTAL_SPENT);
            assertThat(condition.comparison()).isEqualTo(Comparison.GTE);
        });
        assertThat(greeting.get(1).conditions()).anySatisfy(condition -> {
            assertThat(condition.field()).isEqualTo(ProfileField.AVERAGE_PRICE);
            assertThat(condition.comparison()).isEqualTo(Comparison.LT);
        });
        assertThat(greeting.getLast().conditions()).isEmpty();
        assertThat(shop.contentSlots().get(DemoShop.PRODUCT_DESCRIPTION_SLOT).getLast().conditions()).isEmpty();
    }

    @Test
    void install_putsTheCatalogAndTheContentSlotsIntoTheEngine() {
        try (Grat grat = Grat.builder().store(new InMemoryStore()).build()) {
            shop.install(grat);

            assertThat(grat.stats().items()).isEqualTo(shop.items().size());
            Item sample = shop.items().get(shop.items().size() / 2);
            assertThat(grat.item(sample.id())).contains(sample);
            assertThat(grat.contentSlots()).isEqualTo(shop.contentSlots());
            assertThat(grat.navigation("anybody").categories()).hasSize(5);
        }
    }
}
