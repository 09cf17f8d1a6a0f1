package dev.grat.declared;

import dev.grat.InvalidInputException;
import dev.grat.catalog.CategoryPaths;
import dev.grat.event.FieldError;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a visitor told the shop about themselves so that it personalizes for them: categories and brands they like,
 * categories they are not interested in, and their sizes. Small and bounded on purpose: it is personal data the
 * visitor typed, kept only with their consent to personalization, and a whole declaration is replaced at once
 * (rectification, GDPR art. 16).
 *
 * <p>The constructor validates: at most {@value #MAX_ENTRIES} entries per list and {@value #MAX_SIZES} sizes, text
 * without control characters, category paths up to {@value #MAX_CATEGORY_LENGTH} characters, brands up to
 * {@value #MAX_BRAND_LENGTH}, size names of {@code [a-z0-9_-]} up to {@value #MAX_SIZE_NAME_LENGTH} and size values
 * up to {@value #MAX_SIZE_VALUE_LENGTH}; a category may not be both liked and disliked. Errors name the field as
 * the wire format spells it ({@code likes.categories[2]}, {@code sizes.shoes}). Entries are trimmed and repeated
 * entries kept once.
 *
 * @param likedCategories    category paths the visitor likes ({@code Women/Shoes}); an item of a sub-category counts
 * @param likedBrands        brands the visitor likes, as the catalog spells them
 * @param dislikedCategories category paths the visitor is not interested in: their items are not recommended
 * @param sizes              size per kind ({@code shoes -> 39}), sorted by kind
 */
public record DeclaredPreferences(List<String> likedCategories, List<String> likedBrands,
                                  List<String> dislikedCategories, Map<String, String> sizes) {

    public static final int MAX_ENTRIES = 20;
    public static final int MAX_SIZES = 10;
    public static final int MAX_CATEGORY_LENGTH = 200;
    public static final int MAX_BRAND_LENGTH = 100;
    public static final int MAX_SIZE_NAME_LENGTH = 32;
    public static final int MAX_SIZE_VALUE_LENGTH = 16;
    private static final Pattern SIZE_NAME = Pattern.compile("[a-z0-9_-]{1," + MAX_SIZE_NAME_LENGTH + "}");

    public DeclaredPreferences {
        List<FieldError> errors = new ArrayList<>();
        likedCategories = texts(likedCategories, "likes.categories", MAX_CATEGORY_LENGTH, errors);
        likedBrands = texts(likedBrands, "likes.brands", MAX_BRAND_LENGTH, errors);
        dislikedCategories = texts(dislikedCategories, "dislikes.categories", MAX_CATEGORY_LENGTH, errors);
        sizes = sizes(sizes, errors);
        for (int i = 0; i < dislikedCategories.size(); i++) {
            if (likedCategories.contains(dislikedCategories.get(i))) {
                errors.add(new FieldError("dislikes.categories[" + i + "]",
                        "\"" + dislikedCategories.get(i) + "\" is also in likes.categories; a category is liked or"
                                + " disliked, not both"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    /** A declaration that says nothing (every list and the sizes empty). */
    public static DeclaredPreferences none() {
        return new DeclaredPreferences(List.of(), List.of(), List.of(), Map.of());
    }

    /** Whether the declaration says nothing at all. */
    public boolean isEmpty() {
        return likedCategories.isEmpty() && likedBrands.isEmpty() && dislikedCategories.isEmpty() && sizes.isEmpty();
    }

    /** Whether an item of {@code category} is in (or under) a category the visitor said they are not interested in. */
    public boolean dislikesCategory(String category) {
        return category != null && dislikedCategories.stream().anyMatch(d -> CategoryPaths.isWithin(category, d));
    }

    /** The liked category that {@code category} is in or under, the most specific first; null if none. */
    public String likedCategoryOf(String category) {
        if (category == null) {
            return null;
        }
        String best = null;
        for (String liked : likedCategories) {
            if (CategoryPaths.isWithin(category, liked) && (best == null || liked.length() > best.length())) {
                best = liked;
            }
        }
        return best;
    }

    /** {@code brand} when the visitor likes it; null if not (or no brand). */
    public String likedBrandOf(String brand) {
        return brand != null && likedBrands.contains(brand) ? brand : null;
    }

    private static List<String> texts(List<String> values, String field, int maxLength, List<FieldError> errors) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX_ENTRIES) {
            errors.add(new FieldError(field, "must have at most " + MAX_ENTRIES + " entries, had " + values.size()));
            return List.of();
        }
        LinkedHashSet<String> kept = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i) == null ? null : values.get(i).strip();
            String problem = textProblem(value, maxLength);
            if (problem != null) {
                errors.add(new FieldError(field + "[" + i + "]", problem));
            } else {
                kept.add(value);
            }
        }
        return List.copyOf(kept);
    }

    private static Map<String, String> sizes(Map<String, String> sizes, List<FieldError> errors) {
        if (sizes == null) {
            return Map.of();
        }
        if (sizes.size() > MAX_SIZES) {
            errors.add(new FieldError("sizes", "must have at most " + MAX_SIZES + " entries, had " + sizes.size()));
            return Map.of();
        }
        TreeMap<String, String> kept = new TreeMap<>();
        sizes.forEach((name, value) -> {
            if (name == null || !SIZE_NAME.matcher(name).matches()) {
                errors.add(new FieldError("sizes", "size name \"" + name + "\" must be 1 to " + MAX_SIZE_NAME_LENGTH
                        + " lower-case letters, digits, '-' or '_' (like shoes, dress, ring)"));
                return;
            }
            String stripped = value == null ? null : value.strip();
            String problem = textProblem(stripped, MAX_SIZE_VALUE_LENGTH);
            if (problem != null) {
                errors.add(new FieldError("sizes." + name, problem));
            } else {
                kept.put(name, stripped);
            }
        });
        return Collections.unmodifiableMap(kept);
    }

    private static String textProblem(String value, int maxLength) {
        if (value == null || value.isEmpty()) {
            return "must be a non-empty text";
        }
        if (value.length() > maxLength) {
            return "must be at most " + maxLength + " characters, was " + value.length();
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            return "must not contain control characters";
        }
        return null;
    }
}
