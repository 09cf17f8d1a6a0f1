package dev.grat.privacy.policy;

import dev.grat.InvalidInputException;
import dev.grat.consent.Purpose;
import dev.grat.event.EventType;
import dev.grat.event.FieldError;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataPolicyTest {

    private static DataCategory category(String id, String legalBasis, Duration retention, List<String> fields) {
        return new DataCategory(id, "what it is", DataKind.EVENTS, EnumSet.of(Purpose.ANALYTICS), legalBasis,
                retention, List.of("the shop"), EnumSet.of(EventType.PAGE_VIEW), fields);
    }

    private static List<FieldError> errorsOf(Runnable making) {
        try {
            making.run();
        } catch (InvalidInputException e) {
            return e.errors();
        }
        throw new AssertionError("no error");
    }

    @Test
    void defaultPolicy_coversEveryEventType_andNamesEveryKindGratKeeps() {
        DataPolicy policy = DataPolicy.defaultPolicy();

        assertThat(policy.retentionByEventType()).containsOnlyKeys(EventType.values());
        assertThat(policy.retentionByEventType()).containsEntry(EventType.PAGE_VIEW, Duration.ofDays(30))
                .containsEntry(EventType.SEARCH, Duration.ofDays(90))
                .containsEntry(EventType.PRODUCT_VIEW, Duration.ofDays(180))
                .containsEntry(EventType.PURCHASE, Duration.ofDays(730))
                .containsEntry(EventType.EMAIL_OPEN, Duration.ofDays(180));
        assertThat(policy.categories()).extracting(DataCategory::kind)
                .containsAll(EnumSet.complementOf(EnumSet.of(DataKind.OTHER)));
        assertThat(policy.category("consent-evidence")).get()
                .satisfies(c -> assertThat(c.purposes()).containsExactly(Purpose.NECESSARY));
        assertThat(policy.category("nothing-like-this")).isEmpty();
    }

    @Test
    void retentionByEventType_takesTheLongestEventCategory_andIgnoresOtherKinds() {
        DataCategory shortOne = category("short", "Consent", Duration.ofDays(30), List.of("itemId"));
        DataCategory longOne = new DataCategory("long", "d", DataKind.EVENTS, EnumSet.of(Purpose.PERSONALIZATION),
                "Consent", Duration.ofDays(90), List.of(), EnumSet.of(EventType.PAGE_VIEW, EventType.SEARCH), List.of());
        DataCategory links = new DataCategory("links", "d", DataKind.IDENTITY_LINKS, EnumSet.of(Purpose.PERSONALIZATION),
                "Consent", Duration.ofDays(999), List.of(), EnumSet.allOf(EventType.class), List.of("customerId"));

        DataPolicy policy = new DataPolicy("1", "Shop", "dpo@shop.example", List.of(shortOne, longOne, links));

        assertThat(policy.retentionByEventType()).containsOnly(Map.entry(EventType.PAGE_VIEW, Duration.ofDays(90)),
                Map.entry(EventType.SEARCH, Duration.ofDays(90)));
    }

    @Test
    void invalidCategories_areRefused_withEveryErrorNamingItsPath() {
        List<FieldError> errors = errorsOf(() -> new DataPolicy("1", "Shop", "dpo@shop.example", List.of(
                category("events", "Consent", Duration.ofDays(30), List.of("itemId")),
                category("events", " ", Duration.ofDays(30), List.of("itemId")),
                category("other", "Consent", Duration.ZERO, List.of("email", "properties.slot")),
                category("more", "Consent", null, List.of()))));

        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder(
                "categories[1].legalBasis", "categories[1].id", "categories[2].retention",
                "categories[2].fields[0]", "categories[3].retention");
        assertThat(errors).filteredOn(e -> e.field().equals("categories[1].id")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("categories[0]"));
        assertThat(errors).filteredOn(e -> e.field().equals("categories[2].fields[0]")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("\"email\"").contains("properties.*"));
    }

    @Test
    void missingController_andNoCategories_areRefused() {
        assertThat(errorsOf(() -> new DataPolicy("", null, "x", List.of()))).extracting(FieldError::field)
                .containsExactlyInAnyOrder("version", "controller.name", "categories");
    }

    @Test
    void writtenPolicy_readsBackEqual() {
        DataPolicy policy = DataPolicy.defaultPolicy();

        assertThat(PolicyReader.read(PolicyWriter.tree(policy))).isEqualTo(policy);
        assertThat(PolicyWriter.tree(policy).toString()).contains("retention=P395D");
    }

    @Test
    void reader_namesUnknownPurposesEventTypesFieldsAndBadRetention_byPath() {
        Map<String, Object> tree = PolicyWriter.tree(DataPolicy.defaultPolicy());
        Map<String, Object> second = categoryOf(tree, 1);
        second.put("purposes", List.of("analytics", "spying"));
        second.put("eventTypes", List.of("purchase", "teleport"));
        second.put("fields", List.of("itemId", "creditCard"));
        categoryOf(tree, 2).put("retention", "one year");
        categoryOf(tree, 3).remove("legalBasis");
        categoryOf(tree, 4).put("colour", "red");

        assertThatThrownBy(() -> PolicyReader.read(tree)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).errors()).extracting(FieldError::toString)
                        .anySatisfy(s -> assertThat(s).startsWith("categories[1].purposes[1]: unknown value \"spying\""))
                        .anySatisfy(s -> assertThat(s).startsWith("categories[1].eventTypes[1]: unknown value \"teleport\""))
                        .anySatisfy(s -> assertThat(s).startsWith("categories[1].fields[1]: unknown event field \"creditCard\""))
                        .anySatisfy(s -> assertThat(s).startsWith(
                                "categories[2].retention: must be an ISO-8601 duration like P30D"))
                        .anySatisfy(s -> assertThat(s).startsWith("categories[3].legalBasis: must state the legal basis"))
                        .anySatisfy(s -> assertThat(s).startsWith("categories[4].colour: unknown field"))
                        .hasSize(6));
    }

    @Test
    void reader_refusesANonObject() {
        assertThatThrownBy(() -> PolicyReader.read(List.of())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("(policy): must be an object");
    }

    @Test
    void categoryWithoutKind_isOfKindEvents_whenItNamesEventTypes() {
        Map<String, Object> tree = PolicyWriter.tree(DataPolicy.defaultPolicy());
        categoryOf(tree, 0).remove("kind");

        assertThat(PolicyReader.read(tree).categories().getFirst().kind()).isEqualTo(DataKind.EVENTS);
    }

    @Test
    void declarableFields_acceptPropertiesOneByOneOrAll_andNothingElse() {
        assertThat(EventField.isDeclarable("properties.campaign")).isTrue();
        assertThat(EventField.isDeclarable("properties.*")).isTrue();
        assertThat(EventField.isDeclarable("decisionId")).isTrue();
        assertThat(EventField.isDeclarable("properties.")).isFalse();
        assertThat(EventField.isDeclarable("visitorId")).isFalse();
        assertThat(EventField.isDeclarable("properties.a*")).isFalse();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> categoryOf(Map<String, Object> tree, int index) {
        List<Object> categories = new ArrayList<>((List<Object>) tree.get("categories"));
        Map<String, Object> category = new LinkedHashMap<>((Map<String, Object>) categories.get(index));
        categories.set(index, category);
        tree.put("categories", categories);
        return category;
    }

    @Test
    void categoryWithFieldsButNoEventTypes_isRefused() {
        DataCategory fieldsOnly = new DataCategory("x", "d", DataKind.OTHER, Set.of(Purpose.ANALYTICS), "Consent",
                Duration.ofDays(1), List.of(), Set.of(), List.of("itemId"));

        assertThat(errorsOf(() -> new DataPolicy("1", "Shop", "c", List.of(fieldsOnly))))
                .extracting(FieldError::field).containsExactly("categories[0].eventTypes");
    }
}
