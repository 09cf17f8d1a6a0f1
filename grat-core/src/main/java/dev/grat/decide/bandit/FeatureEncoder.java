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
    /** Multiplies a context feature's hash before the candidate feature's is added, for the cross term's name. */
    private static final int CROSS_MULTIPLIER = 0x9E3779B9;
    private static final int ACTION_PREFIX_HASH = "action=".hashCode();

    private final int dimension;
    private final boolean interactions;
    /** ⌈2⁶⁴ / dimension⌉, for the remainder by multiplication (Lemire's fastmod), which is exact for 32-bit inputs. */
    private final long reciprocal;
    /** dimension − 1 when the dimension is a power of two (the remainder is then a mask), else −1. */
    private final int mask;
    /** 0, 1, ..., dimension − 1: the indices of every vector without a zero entry, shared by them. */
    private final int[] identity;

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
        this.mask = Integer.bitCount(dimension) == 1 ? dimension - 1 : -1;
        this.identity = new int[dimension];
        Arrays.setAll(identity, i -> i);
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

    /**
     * The terms are added in a fixed order (the context's, the id's, then each feature's in the canonical order), so
     * a candidate encodes to exactly the same vector whatever else is in its request.
     */
    private FeatureVector encode(EncodedContext context, Candidate candidate, double[] scratch) {
        // the bias and the context's own terms, the first to be added, are the same for every candidate
        System.arraycopy(context.base, 0, scratch, 0, dimension);
        addAction(scratch, context, actionHash(candidate.id()), 1);
        Features features = candidate.features();
        long affinityFilter = context.affinityFilter;
        for (int k = 0; k < features.size(); k++) {
            double value = features.value(k);
            int hash = features.hash(k);
            addAction(scratch, context, hash, value);
            // a 64-bit filter of the affinities' hash codes spares most features the map look-up
            Double affinity = (affinityFilter & (1L << hash)) == 0 ? null : context.affinities.get(features.name(k));
            if (affinity != null) {
                add(scratch, mix(prefixHash(features.name(k)), MATCH), affinity * value);
            }
        }
        return FeatureVector.ofScratch(scratch, identity);
    }

    /**
     * The id's name term and, with interactions, its product with each context feature: one multiply-add, the
     * mixer and a scatter per pair, 5,000 × the context's size per decision, so the loop is kept free of branches.
     */
    private void addAction(double[] scratch, EncodedContext context, int actionHash, double value) {
        add(scratch, mix(actionHash, ACTION), value);
        if (interactions) {
            int[] crossed = context.crossed;
            int[] hashed = context.hashed;
            double[] values = context.values;
            // the hashes first, in a loop of plain int arithmetic that the JIT turns into vector instructions
            for (int c = 0; c < crossed.length; c++) {
                hashed[c] = mix(crossed[c] + actionHash, CROSS);
            }
            for (int c = 0; c < crossed.length; c++) {
                add(scratch, hashed[c], values[c] * value);
            }
        }
    }

    /**
     * Adds ±value at {@code (hash >>> 1) % dimension}. The remainder is a mask for a power of two and otherwise taken
     * by two multiplications instead of a division (tens of cycles): the same index, faster. The sign is the hash's
     * lowest bit moved onto the value's sign bit, which is what negation does, without a branch that would be
     * mispredicted half the time.
     */
    private void add(double[] scratch, int hash, double value) {
        int index = mask >= 0 ? (hash >>> 1) & mask : (int) Math.unsignedMultiplyHigh(reciprocal * (hash >>> 1), dimension);
        scratch[index] += Double.longBitsToDouble(Double.doubleToRawLongBits(value) ^ ((long) hash << 63));
    }

    /** {@code ("action=" + id).hashCode()}, without building the string: the prefix's hash times 31 to the id's length, plus the id's. */
    private static int actionHash(String id) {
        int power = 1;
        for (int n = id.length(), base = 31; n > 0; n >>= 1, base *= base) {
            power *= (n & 1) == 0 ? 1 : base;
        }
        return ACTION_PREFIX_HASH * power + id.hashCode();
    }

    /** {@code name.substring(0, name.indexOf('=')).hashCode()} without the substring. */
    private static int prefixHash(String name) {
        int hash = 0;
        for (int i = 0; i < name.length() && name.charAt(i) != '='; i++) {
            hash = 31 * hash + name.charAt(i);
        }
        return hash;
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

    /**
     * What a decision's candidates share: the context's hashes (and, for the cross terms, each multiplied by the
     * cross multiplier), the vector of the bias and context terms, and the affinities keyed by the candidate
     * feature they match, with a 64-bit filter of those keys' hash codes.
     */
    private final class EncodedContext {
        final int[] crossed;
        /** Scratch for one candidate feature's cross hashes (the context is encoded per call, so not shared). */
        final int[] hashed;
        final double[] values;
        final double[] base = new double[dimension];
        final Map<String, Double> affinities = new HashMap<>();
        final long affinityFilter;

        EncodedContext(ContextFeatures context) {
            crossed = new int[context.values().size()];
            hashed = new int[crossed.length];
            values = new double[crossed.length];
            add(base, mix(BIAS, 0), 1);
            long filter = 0;
            int c = 0;
            for (Map.Entry<String, Double> feature : context.values().entrySet()) {
                int hash = feature.getKey().hashCode();
                crossed[c] = hash * CROSS_MULTIPLIER;
                values[c] = feature.getValue();
                add(base, mix(hash, CONTEXT), values[c++]);
                if (feature.getKey().startsWith(AFFINITY) && feature.getKey().indexOf('=') > 0) {
                    String matched = feature.getKey().substring(AFFINITY.length());
                    affinities.put(matched, feature.getValue());
                    filter |= 1L << matched.hashCode();
                }
            }
            affinityFilter = filter;
        }
    }
}
