package dev.grat.server.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grat.decide.bandit.DecisionRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast path of decision requests reads what the tree path reads, and leaves everything else to it. */
class DecisionRequestReaderTest {

    private final ObjectMapper mapper = WireFormat.defaultMapper();
    private final DecisionWire wire = new DecisionWire(mapper);

    private Optional<DecisionRequest> fast(String json) {
        return wire.wellFormedDecisionRequest(json.getBytes(StandardCharsets.UTF_8));
    }

    private DecisionRequest tree(String json) throws IOException {
        Parsed<DecisionRequest> parsed = wire.decisionRequest(mapper.readTree(json));
        assertThat(parsed.errors()).isEmpty();
        return parsed.value();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            """
            {"visitorId": "v1", "slot": "home-offer", "ruleChoice": "offer-2",
             "candidates": [{"id": "offer-1", "features": {"category": "Shoes", "discount": 0.2, "new": true, "n": 3}},
                            {"features": {"category=Bags": 1, "new": false, "price": 1.0e2, "big": 123456789012345678901234567890}, "id": "offer-2"},
                            {"id": "offer-3"}, {"id": "offer-4", "features": null}, {"id": null}],
             "context": {"channel": "web", "deviceClass": "mobile", "extra": {"page": "home", "cartValue": 42.5}}}""",
            """
            {"slot": "s", "candidates": null, "context": null, "visitorId": null}""",
            """
            {"visitorId": "v", "slot": "s", "candidates": [], "context": {"extra": null, "channel": null}}""",
            "{}"})
    void aWellFormedRequest_readsExactlyAsTheTreeReadsIt(String json) throws IOException {
        assertThat(fast(json)).contains(tree(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[1, 2]",
            "{\"visitorId\": 7, \"slot\": \"s\"}",
            "{\"visitorId\": \"v\", \"candidate\": []}",
            "{\"candidates\": {\"id\": \"a\"}}",
            "{\"candidates\": [\"e\"]}",
            "{\"candidates\": [{\"id\": \"a\", \"name\": \"x\"}]}",
            "{\"candidates\": [{\"id\": 5}]}",
            "{\"candidates\": [{\"id\": \"d\", \"features\": {\"discount\": {\"value\": 0.2}}}]}",
            "{\"candidates\": [{\"id\": \"d\", \"features\": {\"size\": [1]}}]}",
            "{\"candidates\": [{\"id\": \"d\", \"features\": {\"price\": 1e400}}]}",
            "{\"candidates\": [{\"id\": \"d\", \"features\": {\"price\": null}}]}",
            "{\"candidates\": [{\"id\": \"d\", \"features\": {\"category\": \"Shoes\", \"category=Shoes\": 1}}]}",
            "{\"candidates\": [{\"id\": \"d\", \"features\": [1]}]}",
            "{\"context\": {\"device\": \"mobile\"}}",
            "{\"context\": {\"extra\": {\"page\": \"home\", \"page=home\": 1}}}",
            "{\"context\": \"web\"}",
            "{\"slot\": \"a\", \"slot\": \"b\"}",
            "{\"slot\": \"a\"} {}",
            "{\"slot\": \"a\""})
    void anythingTheTreePathWouldReport_isLeftToIt(String json) {
        assertThat(fast(json)).isEmpty();
    }

    @Test
    void moreFeaturesThanACandidateMayHave_isLeftToTheTreePath_andTheEngineNamesIt() {
        StringBuilder features = new StringBuilder();
        for (int k = 0; k <= 100; k++) {
            features.append(k == 0 ? "" : ", ").append("\"f").append(k).append("\": 1");
        }

        assertThat(fast("{\"candidates\": [{\"id\": \"a\", \"features\": {" + features + "}}]}")).isEmpty();
    }
}
