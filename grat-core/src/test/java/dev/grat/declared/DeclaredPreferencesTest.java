package dev.grat.declared;

import dev.grat.InvalidInputException;
import dev.grat.event.FieldError;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeclaredPreferencesTest {

    @Test
    void entriesAreTrimmed_repeatsKeptOnce_andSizesSortedByName() {
        DeclaredPreferences preferences = new DeclaredPreferences(List.of(" Women/Shoes ", "Women/Shoes", "Home"),
                List.of("Acme"), List.of("Kids"), Map.of("shoes", " 39 ", "dress", "M"));

        assertThat(preferences.likedCategories()).containsExactly("Women/Shoes", "Home");
        assertThat(preferences.sizes()).containsExactly(Map.entry("dress", "M"), Map.entry("shoes", "39"));
    }

    @Test
    void tooManyEntries_areRefusedNamingTheList() {
        List<String> many = Collections.nCopies(DeclaredPreferences.MAX_ENTRIES + 1, "Women");

        assertThat(errors(() -> new DeclaredPreferences(List.of(), many, List.of(), Map.of())))
                .extracting(FieldError::field).containsExactly("likes.brands");
    }

    @Test
    void badEntries_areRefusedNamingEachFieldByItsIndexOrSizeName() {
        Map<String, String> sizes = new HashMap<>();
        sizes.put("shoes", "x".repeat(DeclaredPreferences.MAX_SIZE_VALUE_LENGTH + 1));
        sizes.put("Shoe Size", "39");

        List<FieldError> errors = errors(() -> new DeclaredPreferences(List.of("Women", " "),
                List.of("a\u0000b"), List.of("c".repeat(DeclaredPreferences.MAX_CATEGORY_LENGTH + 1)), sizes));

        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder("likes.categories[1]",
                "likes.brands[0]", "dislikes.categories[0]", "sizes.shoes", "sizes");
    }

    @Test
    void aCategoryBothLikedAndDisliked_isRefused() {
        assertThat(errors(() -> new DeclaredPreferences(List.of("Women"), List.of(), List.of("Men", "Women"), Map.of())))
                .extracting(FieldError::field).containsExactly("dislikes.categories[1]");
    }

    @Test
    void matching_coversSubCategories_andBrandsAsTheCatalogSpellsThem() {
        DeclaredPreferences preferences = new DeclaredPreferences(List.of("Women", "Women/Shoes"), List.of("Acme"),
                List.of("Kids"), Map.of());

        assertThat(preferences.likedCategoryOf("Women/Shoes/Running")).isEqualTo("Women/Shoes");
        assertThat(preferences.likedCategoryOf("Women/Bags")).isEqualTo("Women");
        assertThat(preferences.likedCategoryOf("Womenswear")).isNull();
        assertThat(preferences.dislikesCategory("Kids/Toys")).isTrue();
        assertThat(preferences.dislikesCategory("Men")).isFalse();
        assertThat(preferences.likedBrandOf("Acme")).isEqualTo("Acme");
        assertThat(preferences.likedBrandOf("Other")).isNull();
    }

    private static List<FieldError> errors(Runnable action) {
        InvalidInputException[] thrown = new InvalidInputException[1];
        assertThatThrownBy(action::run).isInstanceOfSatisfying(InvalidInputException.class, e -> thrown[0] = e);
        return thrown[0].errors();
    }
}
