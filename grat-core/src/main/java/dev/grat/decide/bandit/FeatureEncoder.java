package dev.grat.decide.bandit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes a context and a candidate into one vector of a fixed dimension with the hashing trick, so that one
 * shared linear model scores every candidate, including candidates it has never seen. Each candidate's vector
 * holds:
 * <ul>
 *   <li>a bias, the candidate's own id ({@code action=ID}), its features and the context features;</li>
 *   <li>with interactions on, every product of a context feature and a candidate feature (the id included),
 *       which is what lets the choice depend on the visitor: a shared model without them ranks every
 *       visitor alike;</li>
 *   <li>match features: a candidate feature {@code name=value} meets the context feature
 *       {@code affinity.name=value} (e.g. the visitor's interest in the candidate's category), which
 *       generalizes across values where interactions cannot.</li>
 * </ul>
 * Names are hashed from {@link String#hashCode()} (defined by the language, so stable across runs) through a
 * mixer into an index and a sign; collisions add up, and signed hashing keeps them unbiased.
 */
public final class FeatureEncoder {

    private static final String AFFINITY = "affinity.";
    private static final int BIAS = 0x2545F491;
    private static final int CONTEXT = 0x1B873593;
    private static final int ACTION = 0x5BD1E995;
    private static final int CROSS = 0x27D4EB2F;
    private static final int MATCH = 0x165667B1;

    private final int dimension;
    private final boolean interactions;
    /** ⌈2⁶⁴ / dimension⌉, for the remainder by multiplication (Lemire's fastmod), which is exact for 32-bit inputs. */
    private final long reciprocal;

    /**
     * @param dimension    length of the vectors (and the policy's model); cost grows with its square
     * @param interactions whether to add context × candidate products
     */
    public FeatureEncoder(int dimension, boolean interactions) {
        if (dimension < 2 || dimension > 1024) {
            throw new IllegalArgumentException("dimension must be 2 to 1024, was " + dimension);
        }
        this.dimension = dimension;
        this.interactions = interactions;
        this.reciprocal = Long.divideUnsigned(-1L, dimension) + 1;
    }

    public int dimension() {
        return dimension;
    }

    public boolean interactions() {
        return interactions;
    }

    /** One vector per candidate, in the candidates' order. */
    public List<FeatureVector> encode(ContextFeatures context, List<Candidate> candidates) {
        EncodedContext encoded = new EncodedContext(context);
        double[] scratch = new double[dimension];
        List<FeatureVector> vectors = new ArrayList<>(candidates.size());
        for (Candidate candidate : candidates) {
            vectors.add(encode(encoded, candidate, scratch));
        }
        return vectors;
    }

    /** The vector of one candidate. */
    public FeatureVector encode(ContextFeatures context, Candidate candidate) {
        return encode(new EncodedContext(context), candidate, new double[dimension]);
    }

    private FeatureVector encode(EncodedContext context, Candidate candidate, double[] scratch) {
        Arrays.fill(scratch, 0);
        add(scratch, mix(BIAS, 0), 1);
        for (int c = 0; c < context.hashes.length; c++) {
            add(scratch, mix(context.hashes[c], CONTEXT), context.values[c]);
        }
        int idHash = ("action=" + candidate.id()).hashCode();
        addAction(scratch, context, idHash, 1);
        Features features = candidate.features();
        boolean matching = !context.affinities.isEmpty();
        for (int k = 0; k < features.size(); k++) {
            double value = features.value(k);
            addAction(scratch, context, features.hash(k), value);
            Double affinity = matching ? context.affinities.get(features.name(k)) : null;
            if (affinity != null) {
                String name = features.name(k);
                int cut = name.indexOf('=');
                add(scratch, mix(name.substring(0, cut).hashCode(), MATCH), affinity * value);
            }
        }
        return FeatureVector.dense(scratch);
    }

    private void addAction(double[] scratch, EncodedContext context, int actionHash, double value) {
        add(scratch, mix(actionHash, ACTION), value);
        if (interactions) {
            for (int c = 0; c < context.hashes.length; c++) {
                add(scratch, mix(context.hashes[c] * 0x9E3779B9 + actionHash, CROSS), context.values[c] * value);
            }
        }
    }

    /**
     * Adds ±value at {@code (hash >>> 1) % dimension}. The remainder is taken by two multiplications instead of a
     * division (tens of cycles, and this runs for every context × candidate feature pair): the same index, faster.
     */
    private void add(double[] scratch, int hash, double value) {
        int index = (int) Math.unsignedMultiplyHigh(reciprocal * (hash >>> 1), dimension);
        scratch[index] += (hash & 1) == 0 ? value : -value;
    }

    /** The finalizer of MurmurHash3: spreads every input bit over the whole word. */
    private static int mix(int hash, int salt) {
        int h = hash ^ salt;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }

    /** The context's names hashed once per decision, and its affinities keyed by the candidate feature they match. */
    private static final class EncodedContext {
        final int[] hashes;
        final double[] values;
        final Map<String, Double> affinities = new HashMap<>();

        EncodedContext(ContextFeatures context) {
            hashes = new int[context.values().size()];
            values = new double[hashes.length];
            int c = 0;
            for (Map.Entry<String, Double> feature : context.values().entrySet()) {
                hashes[c] = feature.getKey().hashCode();
                values[c++] = feature.getValue();
                if (feature.getKey().startsWith(AFFINITY) && feature.getKey().indexOf('=') > 0) {
                    affinities.put(feature.getKey().substring(AFFINITY.length()), feature.getValue());
                }
            }
        }
    }
}
