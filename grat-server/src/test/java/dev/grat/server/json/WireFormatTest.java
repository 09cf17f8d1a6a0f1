package dev.grat.server.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grat.catalog.Item;
import dev.grat.consent.ConsentChange;
import dev.grat.consent.ConsentRecord;
import dev.grat.consent.ConsentState;
import dev.grat.consent.Purpose;
import dev.grat.decide.Comparison;
import dev.grat.decide.ContentVariant;
import dev.grat.decide.ProfileField;
import dev.grat.decide.bandit.Candidate;
import dev.grat.decide.bandit.ContextFeatures;
import dev.grat.decide.bandit.DecisionRecord;
import dev.grat.decide.bandit.FeatureGroup;
import dev.grat.decide.bandit.Outcome;
import dev.grat.event.Channel;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.event.FieldError;
import dev.grat.event.IngestResult;
import dev.grat.event.Rejection;
import dev.grat.privacy.SubjectExport;
import dev.grat.profile.Interaction;
import dev.grat.profile.ProfileView;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class WireFormatTest {

    private final ObjectMapper mapper = WireFormat.defaultMapper();
    private final WireFormat wire = new WireFormat(mapper);

    private JsonNode json(String text) throws IOException {
        return mapper.readTree(text);
    }

    @Test
    void event_readsEveryField() throws IOException {
        Parsed<Event> parsed = wire.event(json("""
                {"id": "e1", "type": "purchase", "visitorId": "v1", "customerId": "c1", "channel": "shop",
                 "timestamp": "2026-03-01T12:00:00+01:00", "items": [{"itemId": "p1", "quantity": 2, "price": 19.99}],
                 "currency": "EUR", "decisionId": "d1", "properties": {"coupon": "SPRING"}}"""));

        assertThat(parsed.errors()).isEmpty();
        Event event = parsed.value();
        assertThat(event.type()).isEqualTo(EventType.PURCHASE);
        assertThat(event.channel()).isEqualTo(Channel.SHOP);
        assertThat(event.timestamp()).isEqualTo(Instant.parse("2026-03-01T11:00:00Z"));
        assertThat(event.items().getFirst().quantity()).isEqualTo(2);
        assertThat(event.items().getFirst().price()).isEqualTo(new BigDecimal("19.99"));
        assertThat(event.properties()).containsEntry("coupon", "SPRING");
        assertThat(event.customerId()).isEqualTo("c1");
    }

    @Test
    void event_withWrongJsonTypes_namesEachFieldWithItsPathAndTheExpectation() throws IOException {
        Parsed<Event> parsed = wire.event(json("""
                {"id": 7, "type": "product_view", "visitorId": "v1", "channel": "fax", "timestamp": "yesterday",
                 "items": [{"itemId": "p1", "quantity": 1, "price": 1}, {"itemId": "p2", "quantity": 1.5, "price": "9"}],
                 "properties": {"size": 42}}"""));

        assertThat(parsed.value()).isNull();
        assertThat(parsed.errors()).extracting(FieldError::field).containsExactlyInAnyOrder(
                "id", "channel", "timestamp", "items[1].quantity", "items[1].price", "properties.size");
        assertThat(message(parsed, "id")).isEqualTo("must be a string, was a number");
        assertThat(message(parsed, "channel")).contains("must be one of: web, app, email, shop");
        assertThat(message(parsed, "timestamp")).contains("ISO-8601");
        assertThat(message(parsed, "items[1].quantity")).contains("whole number");
    }

    @Test
    void eventTimestamps_readToTheNanosecond_andImpossibleDatesAreRefusedWithTheTimestampMessage() throws IOException {
        String template = """
                {"id": "e1", "type": "product_view", "visitorId": "v1", "timestamp": "%s"}""";
        assertThat(wire.event(json(template.formatted("2026-11-30T01:02:03.456789Z"))).value().timestamp())
                .isEqualTo(Instant.parse("2026-11-30T01:02:03.456789Z"));
        assertThat(wire.event(json(template.formatted("2026-11-30t01:02:03z"))).value().timestamp())
                .isEqualTo(Instant.parse("2026-11-30T01:02:03Z"));
        for (String impossible : List.of("2026-02-30T00:00:00Z", "2026-01-01T24:00:01Z", "2026-01-01T00:00:00")) {
            assertThat(message(wire.event(json(template.formatted(impossible))), "timestamp")).isEqualTo(
                    JsonFields.TIMESTAMP_EXPECTED + ", was \"" + impossible + "\"");
        }
    }

    @Test
    void profileJson_writesEachRecentInteractionsTimeAsSent() {
        Instant at = Instant.parse("2026-11-30T01:02:03.456789Z");
        ProfileView profile = new ProfileView(Set.of("v1"), null, List.of(new Interaction(EventType.PRODUCT_VIEW, "p1", at)),
                Map.of(), Map.of(), Map.of(), Map.of(), 0, BigDecimal.ZERO, 0, 1, at, at, List.of());

        JsonNode recent = wire.toJson(profile).get("recent");

        assertThat(recent.toString()).isEqualTo("""
                [{"type":"product_view","itemId":"p1","at":"2026-11-30T01:02:03.456789Z"}]""");
    }

    @Test
    void event_withUnknownField_reportsItInsteadOfDroppingIt() throws IOException {
        Parsed<Event> parsed = wire.event(json("{\"id\": \"e1\", \"visitorID\": \"v1\"}"));

        assertThat(parsed.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("visitorID");
            assertThat(error.message()).contains("unknown field", "visitorId");
        });
    }

    @Test
    void event_leavesMissingFieldsToTheEngine() throws IOException {
        Parsed<Event> parsed = wire.event(json("{\"id\": \"e1\"}"));

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.value().type()).isNull();
        assertThat(parsed.value().channel()).isNull();
    }

    @Test
    void event_thatIsNotAnObject_isOneError() throws IOException {
        Parsed<Event> parsed = wire.event(json("[1, 2]"));

        assertThat(parsed.errors()).containsExactly(new FieldError("event", "must be a JSON object, was an array"));
    }

    @Test
    void consent_readsPurposes_andAppliesTheGpcFlag() throws IOException {
        Parsed<ConsentChange> parsed = wire.consent(json("""
                {"purposes": {"analytics": true, "marketing": false}, "source": "banner", "policyVersion": "3"}"""),
                true);

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.value().purposes()).isEqualTo(Map.of(Purpose.ANALYTICS, true, Purpose.MARKETING, false));
        assertThat(parsed.value().globalPrivacyControl()).isTrue();
    }

    @Test
    void consent_withoutPurposes_isAnError() throws IOException {
        Parsed<ConsentChange> parsed = wire.consent(json("{\"source\": \"banner\"}"), false);

        assertThat(parsed.errors()).extracting(FieldError::field).containsExactly("purposes");
    }

    @Test
    void item_defaultsAvailableToTrue_andNamesBadAttributes() throws IOException {
        Parsed<Item> ok = wire.item(json("{\"id\": \"p1\", \"title\": \"T\", \"price\": 5}"));
        Parsed<Item> bad = wire.item(json("{\"id\": \"p1\", \"available\": \"yes\", \"attributes\": {\"size\": [1]}}"));

        assertThat(ok.value().available()).isTrue();
        assertThat(bad.errors()).extracting(FieldError::field).containsExactly("available", "attributes.size");
    }

    @Test
    void contentVariants_readConditions_withNumberValuesAsText() throws IOException {
        Parsed<List<ContentVariant>> parsed = wire.contentVariants(json("""
                {"variants": [{"id": "a", "text": "Hi buyer",
                               "conditions": [{"field": "purchaseCount", "op": "gte", "value": 1}]},
                              {"id": "b", "text": "Hi"}]}"""));

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.value()).hasSize(2);
        assertThat(parsed.value().getFirst().conditions().getFirst().field()).isEqualTo(ProfileField.PURCHASE_COUNT);
        assertThat(parsed.value().getFirst().conditions().getFirst().comparison()).isEqualTo(Comparison.GTE);
        assertThat(parsed.value().getFirst().conditions().getFirst().value()).isEqualTo("1");
    }

    @Test
    void contentVariants_nameTheConditionAtFault() throws IOException {
        Parsed<List<ContentVariant>> parsed = wire.contentVariants(json("""
                {"variants": [{"id": "a", "text": "x", "conditions": [{"field": "purchaseCount", "op": "~"}]}]}"""));

        assertThat(parsed.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("variants[0].conditions[0].op");
            assertThat(error.message()).contains("eq, ne, gt, gte, lt, lte");
        });
    }

    @Test
    void ingestResult_isWrittenWithEachRejectionsFieldAndError() {
        JsonNode json = wire.toJson(new IngestResult(3, 1, 1, 1,
                List.of(new Rejection(4, "e5", new FieldError("items[0].price", "must not be negative"))), 2));

        assertThat(json.toString()).isEqualTo("{\"accepted\":3,\"duplicates\":1,\"personal\":1,\"anonymous\":1,"
                + "\"droppedFields\":2,\"rejected\":[{\"index\":4,\"id\":\"e5\",\"field\":\"items[0].price\",\"error\":\"must not be negative\"}]}");
    }

    @Test
    void event_writtenAndReadAgain_isTheSameEvent() throws IOException {
        Event event = wire.event(json("""
                {"id": "e1", "type": "add_to_cart", "visitorId": "v1", "channel": "app",
                 "timestamp": "2026-03-01T12:00:00Z", "items": [{"itemId": "p1", "quantity": 3, "price": 2.50}],
                 "properties": {"screen": "home"}}""")).value();

        Parsed<Event> again = wire.event(json(wire.toJson(event).toString()));

        assertThat(again.errors()).isEmpty();
        assertThat(again.value()).isEqualTo(event);
    }

    @Test
    void subjectExport_listsTheVisitorsDecisions_withTheFeaturesTheyUsedAndWhatFollowed() {
        Instant decided = Instant.parse("2026-03-02T10:00:00Z");
        DecisionRecord decision = new DecisionRecord("dec-1", "home-offer", "v1", decided, "slot:home-offer",
                "linucb(alpha=0.5, exploration=0.05)", null, null,
                new ContextFeatures(Map.of("channel=web", 1.0, "affinity.category=Shoes", 1.0),
                        Set.of(FeatureGroup.REQUEST_CONTEXT, FeatureGroup.AFFINITIES)),
                List.of(new Candidate("offer-1", Map.of("discount", 0.2)), new Candidate("offer-2", Map.of())), 1,
                List.of(0.025, 0.975), Double.NaN, Double.NaN,
                Outcome.none().plusClick(1).settledAt(decided.plusSeconds(3600)));
        SubjectExport export = new SubjectExport("v1", decided.plusSeconds(7200),
                new ConsentRecord(ConsentState.defaultFor("v1"), List.of()), List.of(), null, List.of(), List.of(decision));

        JsonNode decisions = wire.toJson(export).get("decisions");

        assertThat(decisions).hasSize(1);
        JsonNode json = decisions.get(0);
        assertThat(json.get("decisionId").textValue()).isEqualTo("dec-1");
        assertThat(json.get("chosen").textValue()).isEqualTo("offer-2");
        assertThat(json.get("probability").doubleValue()).isEqualTo(0.975);
        assertThat(json.get("featureGroups").toString()).isEqualTo("[\"request_context\",\"affinities\"]");
        assertThat(json.get("features").get("affinity.category=Shoes").doubleValue()).isEqualTo(1.0);
        assertThat(json.get("candidates").toString()).isEqualTo("[\"offer-1\",\"offer-2\"]");
        assertThat(json.get("outcome").get("clicks").intValue()).isEqualTo(1);
        assertThat(json.get("outcome").get("settledAt").textValue()).isEqualTo("2026-03-02T11:00:00Z");
    }

    @Test
    void errorAnswer_leavesOutFieldsWhenThereAreNone() {
        assertThat(wire.error("boom", List.of()).toString()).isEqualTo("{\"error\":\"boom\"}");
        assertThat(wire.error("bad", List.of(new FieldError("n", "must be a whole number"))).toString())
                .isEqualTo("{\"error\":\"bad\",\"fields\":[{\"field\":\"n\",\"message\":\"must be a whole number\"}]}");
    }

    private static String message(Parsed<?> parsed, String field) {
        return parsed.errors().stream().filter(e -> e.field().equals(field)).findFirst().orElseThrow().message();
    }
}
