package dev.grat.decide.bandit;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The named features of a candidate: an immutable map kept as parallel arrays (names, their hash codes, values).
 * A decision reads 50 candidates of 100 features; arrays cost one allocation each where a sorted map costs one
 * node per entry, and the {@link FeatureEncoder} runs over them without iterators or boxing.
 *
 * <p>The order is canonical, by the names' {@link String#hashCode()} and then by name, so that the same features
 * given in any order iterate alike and therefore encode to exactly the same vector (sums of floating-point numbers
 * depend on their order). Sorting by a cached int is several times cheaper than sorting by name.
 *
 * <p>A null value is kept as NaN, so that validation names the feature as not a finite number.
 */
public final class Features extends AbstractMap<String, Double> {

    private static final Features EMPTY = new Features(new String[0], new int[0], new double[0]);

    private final String[] names;
    private final int[] hashes;
    private final double[] values;
    /**
     * Whether validation found every name and value acceptable: 0 not checked yet, 1 yes, 2 no. A shop sends the
     * same offers with every decision, and an in-process caller can hand in the same instances, so the check (5,000
     * names of a decision, character by character) runs once per instance. A benign race, like String's hash:
     * every thread computes the same answer from the immutable arrays.
     */
    private byte plain;

    private Features(String[] names, int[] hashes, double[] values) {
        this.names = names;
        this.hashes = hashes;
        this.values = values;
    }

    /** No features. */
    public static Features empty() {
        return EMPTY;
    }

    /** The features of a map (itself when it is one already); null is empty. */
    public static Features of(Map<String, Double> features) {
        if (features instanceof Features ready) {
            return ready;
        }
        if (features == null || features.isEmpty()) {
            return EMPTY;
        }
        String[] names = new String[features.size()];
        double[] values = new double[names.length];
        int k = 0;
        for (Map.Entry<String, Double> feature : features.entrySet()) {
            names[k] = Objects.requireNonNull(feature.getKey(), "feature names must not be null");
            values[k++] = feature.getValue() == null ? Double.NaN : feature.getValue();
        }
        return sorted(names, values, k);
    }

    /**
     * The first {@code size} names and values of the arrays (copied).
     *
     * @throws IllegalArgumentException when a name occurs twice
     */
    public static Features of(String[] names, double[] values, int size) {
        if (size == 0) {
            return EMPTY;
        }
        String[] copiedNames = Arrays.copyOf(names, size);
        for (String name : copiedNames) {
            Objects.requireNonNull(name, "feature names must not be null");
        }
        return sorted(copiedNames, Arrays.copyOf(values, size), size);
    }

    /** Sorts the (owned) arrays by hash code and name through one primitive sort of packed hash and position. */
    private static Features sorted(String[] names, double[] values, int size) {
        long[] order = new long[size];
        for (int k = 0; k < size; k++) {
            order[k] = ((long) names[k].hashCode() << 32) | k;
        }
        Arrays.sort(order);
        String[] sortedNames = new String[size];
        int[] hashes = new int[size];
        double[] sortedValues = new double[size];
        for (int k = 0; k < size; k++) {
            int from = (int) order[k];
            sortedNames[k] = names[from];
            hashes[k] = (int) (order[k] >> 32);
            sortedValues[k] = values[from];
        }
        orderCollisions(sortedNames, hashes, sortedValues);
        return new Features(sortedNames, hashes, sortedValues);
    }

    /** Names with equal hash codes (rare) go by name; an equal name is a duplicate. */
    private static void orderCollisions(String[] names, int[] hashes, double[] values) {
        for (int k = 1; k < names.length; k++) {
            for (int j = k; j > 0 && hashes[j - 1] == hashes[j]; j--) {
                int compared = names[j - 1].compareTo(names[j]);
                if (compared == 0) {
                    throw new IllegalArgumentException("the feature " + names[j] + " is given twice");
                }
                if (compared < 0) {
                    break;
                }
                swap(names, hashes, values, j - 1, j);
            }
        }
    }

    private static void swap(String[] names, int[] hashes, double[] values, int a, int b) {
        String name = names[a];
        names[a] = names[b];
        names[b] = name;
        int hash = hashes[a];
        hashes[a] = hashes[b];
        hashes[b] = hash;
        double value = values[a];
        values[a] = values[b];
        values[b] = value;
    }

    /** {@code check} of these features, computed on the first call only (the check must depend on them alone). */
    boolean plain(Predicate<Features> check) {
        byte known = plain;
        if (known == 0) {
            known = check.test(this) ? (byte) 1 : (byte) 2;
            plain = known;
        }
        return known == 1;
    }

    @Override
    public int size() {
        return names.length;
    }

    /** The name of the k-th feature in the canonical order. */
    public String name(int k) {
        return names[k];
    }

    /** The hash code of the k-th feature's name. */
    public int hash(int k) {
        return hashes[k];
    }

    /** The value of the k-th feature. */
    public double value(int k) {
        return values[k];
    }

    @Override
    public Double get(Object key) {
        int k = indexOf(key);
        return k < 0 ? null : values[k];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    private int indexOf(Object key) {
        if (!(key instanceof String name)) {
            return -1;
        }
        int hash = name.hashCode();
        int k = Arrays.binarySearch(hashes, hash);
        if (k < 0) {
            return -1;
        }
        while (k > 0 && hashes[k - 1] == hash) {
            k--;
        }
        for (; k < names.length && hashes[k] == hash; k++) {
            if (names[k].equals(name)) {
                return k;
            }
        }
        return -1;
    }

    @Override
    public Set<Map.Entry<String, Double>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Double>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < names.length;
                    }

                    @Override
                    public Map.Entry<String, Double> next() {
                        if (next >= names.length) {
                            throw new NoSuchElementException();
                        }
                        int k = next++;
                        return new AbstractMap.SimpleImmutableEntry<>(names[k], values[k]);
                    }
                };
            }

            @Override
            public int size() {
                return names.length;
            }
        };
    }
}
