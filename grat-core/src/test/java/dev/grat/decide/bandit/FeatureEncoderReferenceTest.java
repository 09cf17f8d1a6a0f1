package dev.grat.decide.bandit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The encoder's fast paths (shared context terms, mask or multiply-high remainder, branch-free sign, the affinity
 * filter, hashes computed without building strings) give exactly the vectors of the plain definition, term by term
 * in the same order, so stored models stay valid and decisions do not change.
 */
class FeatureEncoderReferenceTest {

    @ParameterizedTest
    @CsvSource({"128, true", "128, false", "100, true", "1000, true", "2, true", "7, false"})
    void encoder_givesBitForBitTheVectorsOfThePlainDefinition(int dimension, boolean interactions) {
        SplittableRandom random = new SplittableRandom(dimension * 31L + (interactions ? 1 : 0));
        FeatureEncoder encoder = new FeatureEncoder(dimension, interactions);
        for (int round = 0; round < 20; round++) {
            ContextFeatures context = randomContext(random);
            List<Candidate> candidates = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                candidates.add(randomCandidate(random, i));
            }
            List<FeatureVector> encoded = encoder.encode(context, candidates);
            for (int i = 0; i < candidates.size(); i++) {
                double[] expected = reference(dimension, interactions, context, candidates.get(i));
                assertThat(encoded.get(i).toDense()).as("candidate %d of round %d", i, round).isEqualTo(expected);
                assertThat(encoder.encode(context, candidates.get(i))).isEqualTo(encoded.get(i));
            }
        }
    }

    private static ContextFeatures randomContext(SplittableRandom random) {
        Map<String, Double> values = new HashMap<>();
        values.put("channel=" + (random.nextBoolean() ? "web" : "app"), 1.0);
        values.put("device=mobile", 1.0);
        for (int k = random.nextInt(0, 12); k > 0; k--) {
            String group = random.nextBoolean() ? "category" : "brand";
            values.put("affinity." + group + "=v" + random.nextInt(8), random.nextDouble(0, 1));
        }
        values.put("recency", random.nextDouble(-2, 2));
        values.put("affinity.=odd", 0.5);
        return new ContextFeatures(values, EnumSet.of(FeatureGroup.REQUEST_CONTEXT, FeatureGroup.AFFINITIES));
    }

    private static Candidate randomCandidate(SplittableRandom random, int i) {
        Map<String, Double> features = new LinkedHashMap<>();
        features.put("category=v" + random.nextInt(8), 1.0);
        features.put("brand=v" + random.nextInt(8), 1.0);
        features.put("=odd", 1.0);
        for (int k = 0; k < 30; k++) {
            features.put("attr." + k, random.nextDouble(-3, 3));
        }
        features.put("zero", 0.0);
        String id = i % 3 == 0 ? "o" + i : "offer-\u00e9-" + random.nextInt(1_000_000) + "-" + "x".repeat(i);
        return new Candidate(id, features);
    }

    /** The encoding as first defined: each term hashed from its name, placed by division, signed by a branch. */
    private static double[] reference(int d, boolean interactions, ContextFeatures context, Candidate candidate) {
        double[] x = new double[d];
        place(x, mix(0x2545F491, 0), 1);
        context.values().forEach((name, value) -> place(x, mix(name.hashCode(), 0x1B873593), value));
        referenceAction(x, interactions, context, ("action=" + candidate.id()).hashCode(), 1);
        for (Map.Entry<String, Double> feature : Features.of(candidate.features()).entrySet()) {
            String name = feature.getKey();
            double value = feature.getValue();
            referenceAction(x, interactions, context, name.hashCode(), value);
            Double affinity = name.indexOf('=') >= 0 ? context.values().get("affinity." + name) : null;
            if (affinity != null) {
                place(x, mix(name.substring(0, name.indexOf('=')).hashCode(), 0x165667B1), affinity * value);
            }
        }
        return x;
    }

    private static void referenceAction(double[] x, boolean interactions, ContextFeatures context, int hash, double value) {
        place(x, mix(hash, 0x5BD1E995), value);
        if (interactions) {
            context.values().forEach((name, contextValue) ->
                    place(x, mix(name.hashCode() * 0x9E3779B9 + hash, 0x27D4EB2F), contextValue * value));
        }
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
}
