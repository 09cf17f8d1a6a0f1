package dev.grat.decide.bandit;

import dev.grat.InvalidInputException;
import dev.grat.event.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A candidate's features as arrays: a map like any other, in one order whatever order they were given in. */
class CandidateFeaturesTest {

    private static final ContextFeatures CONTEXT = new ContextFeatures(Map.of("channel=web", 1.0, "daypart=evening", 1.0,
            "affinity.category=Shoes", 0.7), Set.of(FeatureGroup.REQUEST_CONTEXT, FeatureGroup.AFFINITIES));

    @Test
    void features_inAnyOrder_areEqualMaps_iterateAlike_andEncodeToExactlyTheSameVector() {
        Map<String, Double> forwards = new LinkedHashMap<>();
        Map<String, Double> backwards = new LinkedHashMap<>();
        for (int k = 0; k < 100; k++) {
            forwards.put("attr." + k, k / 7.0);
        }
        forwards.put("category=Shoes", 1.0);
        List.copyOf(forwards.keySet()).reversed().forEach(name -> backwards.put(name, forwards.get(name)));

        Features one = Features.of(forwards);
        Features other = Features.of(backwards.keySet().toArray(String[]::new),
                backwards.values().stream().mapToDouble(Double::doubleValue).toArray(), backwards.size());

        assertThat(one).isEqualTo(new TreeMap<>(forwards)).isEqualTo(other).hasSameHashCodeAs(new HashMap<>(forwards));
        assertThat(List.copyOf(one.keySet())).isEqualTo(List.copyOf(other.keySet()));
        FeatureEncoder encoder = new FeatureEncoder(128, true);
        assertThat(encoder.encode(CONTEXT, new Candidate("o1", one))).isEqualTo(encoder.encode(CONTEXT, new Candidate("o1", other)));
    }

    /**
     * Pins the hashing: a stored model's weights are only meaningful while every name lands where it landed when they
     * were learned. Index {@code (h >>> 1) % d}, sign from the lowest bit, of the MurmurHash3 finalizer of the salted
     * {@link String#hashCode()}; for every dimension, including those that are not powers of two.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 7, 100, 128, 1000, 1024})
    void encoder_putsEachNameAtItsHashedIndexAndSign(int dimension) {
        Features features = Features.of(Map.of("discount", 0.25, "category=Shoes", 1.0, "attr.17", -3.5));
        FeatureVector vector = new FeatureEncoder(dimension, false).encode(ContextFeatures.empty(), new Candidate("o1", features));

        double[] expected = new double[dimension];
        place(expected, mix(0x2545F491, 0), 1);
        place(expected, mix("action=o1".hashCode(), 0x5BD1E995), 1);
        features.forEach((name, value) -> place(expected, mix(name.hashCode(), 0x5BD1E995), value));
        assertThat(vector).isEqualTo(FeatureVector.dense(expected));
    }

    private static void place(double[] vector, int hash, double value) {
        vector[(hash >>> 1) % vector.length] += (hash & 1) == 0 ? value : -value;
    }

    private static int mix(int hash, int salt) {
        int h = hash ^ salt;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }

    @Test
    void get_findsEveryFeatureByName_andNothingElse() {
        Features features = Features.of(Map.of("discount", 0.2, "category=Shoes", 1.0, "new", 0.0));

        assertThat(features.get("discount")).isEqualTo(0.2);
        assertThat(features.get("new")).isEqualTo(0.0);
        assertThat(features.containsKey("category=Shoes")).isTrue();
        assertThat(features.get("category=Bags")).isNull();
        assertThat(features.get(42)).isNull();
        assertThat(features).hasSize(3);
    }

    @Test
    void namesWithEqualHashCodes_areKeptApart_andOrderedByName() {
        // "Aa" and "BB" share their String.hashCode.
        Features features = Features.of(new String[] {"BB", "x", "Aa"}, new double[] {2, 3, 1}, 3);

        assertThat(features.get("Aa")).isEqualTo(1.0);
        assertThat(features.get("BB")).isEqualTo(2.0);
        assertThat(features.keySet().stream().filter(n -> n.length() == 2).toList()).containsExactly("Aa", "BB");
    }

    @Test
    void aNameGivenTwice_isRefused_evenAmongNamesWithEqualHashCodes() {
        assertThatThrownBy(() -> Features.of(new String[] {"Aa", "BB", "Aa"}, new double[] {1, 2, 3}, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Aa");
    }

    @Test
    void aMissingValue_isNamedByValidation_asNotAFiniteNumber() {
        Map<String, Double> features = new HashMap<>();
        features.put("discount", null);
        DecisionRequest request = new DecisionRequest("v1", "slot", List.of(new Candidate("o1", features)),
                RequestContext.none(), null);

        assertThatThrownBy(() -> DecisionRequests.validate(request, 500)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("candidates[0].features.discount"));
    }

    @Test
    void validation_ofTheSameFeaturesAgain_givesTheSameAnswer_fromTheRememberedCheck() {
        Features good = Features.of(Map.of("discount", 0.1, "category=Shoes", 1.0));
        Features bad = Features.of(Map.of("discount", Double.NaN));
        for (int round = 0; round < 2; round++) {
            DecisionRequests.validate(new DecisionRequest("v1", "slot", List.of(new Candidate("o1", good)),
                    RequestContext.none(), null), 500);
            assertThatThrownBy(() -> DecisionRequests.validate(new DecisionRequest("v1", "slot",
                    List.of(new Candidate("o1", good), new Candidate("o2", bad)), RequestContext.none(), null), 500))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                            .extracting(FieldError::field).containsExactly("candidates[1].features.discount"));
        }
        int[] checks = new int[1];
        assertThat(good.plain(f -> ++checks[0] > 0)).isTrue();
        assertThat(good.plain(f -> ++checks[0] > 0)).isTrue();
        assertThat(checks[0]).as("the check ran before, in validation").isZero();
    }

    @Test
    void validation_namesEveryBadCandidateField_asBefore() {
        List<Candidate> candidates = List.of(new Candidate("ok-1", Map.of("discount", 0.1)),
                new Candidate("bad id!", Map.of()), new Candidate("ok-1", Map.of()),
                new Candidate("o4", Map.of("", 1.0)), new Candidate("o5", Map.of("price", Double.POSITIVE_INFINITY)),
                new Candidate("o6", Map.of("tab\tname", 1.0)), new Candidate("m\u00fcller", Map.of()));
        DecisionRequest request = new DecisionRequest("v1", "slot", candidates, RequestContext.none(), null);

        assertThatThrownBy(() -> DecisionRequests.validate(request, 500)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("candidates[1].id",
                        "candidates[2].id", "candidates[3].features", "candidates[4].features.price",
                        "candidates[5].features"));
    }
}
