package dev.grat.decide.bandit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;

/**
 * A shop with known click probabilities, to measure a policy's regret. Visitors come in context types (device ×
 * time of day × favourite category); offers have a category, a type and a discount. The click probability of an
 * offer for a context is known exactly: a base rate, plus a bonus when the offer's category is the visitor's
 * favourite, plus a device × offer-type effect, plus the discount's effect, plus a small per-offer effect, all
 * drawn once from the world seed. This is linear in the features the {@link FeatureEncoder} builds (match,
 * interactions, ids), so a linear policy can in principle learn the oracle.
 *
 * <p>Regret is counted in expectation (the known probability of the best choice minus that of the actual
 * choice), which removes the click noise from the comparison.
 */
public final class ShopSimulator {

    private static final String[] CATEGORIES = {"Shoes", "Bags", "Dresses", "Shirts", "Coats"};
    private static final String[] TYPES = {"discount", "bundle", "free_shipping", "new_in"};
    private static final String[] DEVICES = {"mobile", "desktop"};
    private static final String[] DAYPARTS = {"morning", "evening"};
    private static final double[] DISCOUNTS = {0, 0.1, 0.2, 0.3};

    private final List<Candidate> offers = new ArrayList<>();
    private final List<ContextFeatures> contexts = new ArrayList<>();
    private final double[][] clickProbability;
    private final int bestFixed;

    /** A world of {@code offerCount} offers and 20 context types, drawn from {@code worldSeed}. */
    public ShopSimulator(int offerCount, long worldSeed) {
        if (offerCount < 2) {
            throw new IllegalArgumentException("offerCount must be at least 2, was " + offerCount);
        }
        SplittableRandom random = new SplittableRandom(worldSeed);
        String[] offerCategory = new String[offerCount];
        String[] offerType = new String[offerCount];
        double[] offerDiscount = new double[offerCount];
        double[] offerEffect = new double[offerCount];
        for (int a = 0; a < offerCount; a++) {
            offerCategory[a] = CATEGORIES[random.nextInt(CATEGORIES.length)];
            offerType[a] = TYPES[random.nextInt(TYPES.length)];
            offerDiscount[a] = DISCOUNTS[random.nextInt(DISCOUNTS.length)];
            offerEffect[a] = random.nextDouble(-0.01, 0.01);
            offers.add(new Candidate("offer-" + a, Map.of("category=" + offerCategory[a], 1.0,
                    "type=" + offerType[a], 1.0, "discount", offerDiscount[a])));
        }
        double[][] deviceTypeEffect = new double[DEVICES.length][TYPES.length];
        for (double[] row : deviceTypeEffect) {
            for (int t = 0; t < row.length; t++) {
                row[t] = random.nextDouble(-0.02, 0.04);
            }
        }
        List<double[]> rows = new ArrayList<>();
        for (int device = 0; device < DEVICES.length; device++) {
            for (String daypart : DAYPARTS) {
                for (String favourite : CATEGORIES) {
                    Map<String, Double> values = new HashMap<>();
                    values.put("device=" + DEVICES[device], 1.0);
                    values.put("daypart=" + daypart, 1.0);
                    values.put("affinity.category=" + favourite, 1.0);
                    contexts.add(new ContextFeatures(values, Set.of(FeatureGroup.REQUEST_CONTEXT, FeatureGroup.AFFINITIES)));
                    double[] row = new double[offerCount];
                    for (int a = 0; a < offerCount; a++) {
                        double p = 0.03 + (offerCategory[a].equals(favourite) ? 0.08 : 0)
                                + deviceTypeEffect[device][indexOf(TYPES, offerType[a])] + 0.1 * offerDiscount[a] + offerEffect[a];
                        row[a] = Math.clamp(p, 0.005, 0.5);
                    }
                    rows.add(row);
                }
            }
        }
        clickProbability = rows.toArray(double[][]::new);
        double[] average = new double[offerCount];
        for (double[] row : clickProbability) {
            for (int a = 0; a < offerCount; a++) {
                average[a] += row[a] / clickProbability.length;
            }
        }
        int best = 0;
        for (int a = 1; a < offerCount; a++) {
            best = average[a] > average[best] ? a : best;
        }
        bestFixed = best;
    }

    /** The offers, as candidates. */
    public List<Candidate> offers() {
        return List.copyOf(offers);
    }

    /** The known click probability of offer {@code action} in context type {@code context}. */
    public double clickProbability(int context, int action) {
        return clickProbability[context][action];
    }

    /** How many context types there are (visitors draw them uniformly). */
    public int contextCount() {
        return contexts.size();
    }

    /** The expected click rate of always showing the best offer for the context (the oracle). */
    public double oracleRate() {
        double sum = 0;
        for (double[] row : clickProbability) {
            double best = 0;
            for (double p : row) {
                best = Math.max(best, p);
            }
            sum += best;
        }
        return sum / clickProbability.length;
    }

    /** The expected click rate of the single offer that is best on average. */
    public double bestFixedRate() {
        double sum = 0;
        for (double[] row : clickProbability) {
            sum += row[bestFixed];
        }
        return sum / clickProbability.length;
    }

    /**
     * Runs a policy for {@code rounds} visitors and learns from every outcome at once.
     *
     * @param checkpoints rounds after which to record the cumulative regret, ascending, the last at most rounds
     */
    public RegretReport run(String name, Policy policy, int rounds, long seed, int... checkpoints) {
        return run(name, policy, rounds, seed, context -> -1, checkpoints);
    }

    /**
     * Runs a policy with a shop rule: {@code rule} gives, for a context type, the offer the shop's own rule
     * would show (sent as the rule choice, for rule policies and apprentice mode), or -1 for none.
     */
    public RegretReport run(String name, Policy policy, int rounds, long seed, IntUnaryOperator rule, int... checkpoints) {
        FeatureEncoder encoder = new FeatureEncoder(policy.config().dimension(), policy.config().interactions());
        SplittableRandom random = new SplittableRandom(seed);
        List<String> ids = offers.stream().map(Candidate::id).toList();
        List<List<FeatureVector>> encoded = contexts.stream().map(c -> encoder.encode(c, offers)).toList();
        double[] vsOracle = new double[checkpoints.length];
        double[] vsFixed = new double[checkpoints.length];
        double regretOracle = 0;
        double regretFixed = 0;
        long clicks = 0;
        int next = 0;
        for (int round = 1; round <= rounds; round++) {
            int context = random.nextInt(contexts.size());
            double[] row = clickProbability[context];
            PolicyInput input = new PolicyInput(ids, encoded.get(context), rule.applyAsInt(context));
            ActionDistribution decision = policy.decide(input, random);
            int chosen = decision.chosen();
            boolean click = random.nextDouble() < row[chosen];
            clicks += click ? 1 : 0;
            policy.learn(new Feedback(encoded.get(context).get(chosen), click ? 1 : 0, decision.chosenProbability(),
                    decision.learnerProbability(), decision.ruleProbability()));
            double best = 0;
            for (double p : row) {
                best = Math.max(best, p);
            }
            regretOracle += best - row[chosen];
            regretFixed += row[bestFixed] - row[chosen];
            while (next < checkpoints.length && checkpoints[next] == round) {
                vsOracle[next] = regretOracle;
                vsFixed[next++] = regretFixed;
            }
        }
        return new RegretReport(name, rounds, clicks, checkpoints.clone(), vsOracle, vsFixed);
    }

    /** The offer that is best on average (the best fixed action). */
    public int bestFixedOffer() {
        return bestFixed;
    }

    /** The best offer for a context type (what the oracle shows). */
    public int bestOfferFor(int context) {
        double[] row = clickProbability[context];
        int best = 0;
        for (int a = 1; a < row.length; a++) {
            best = row[a] > row[best] ? a : best;
        }
        return best;
    }

    /** The offer that is worst on average. */
    public int worstFixedOffer() {
        int worst = 0;
        double worstSum = Double.POSITIVE_INFINITY;
        for (int a = 0; a < offers.size(); a++) {
            double sum = 0;
            for (double[] row : clickProbability) {
                sum += row[a];
            }
            if (sum < worstSum) {
                worstSum = sum;
                worst = a;
            }
        }
        return worst;
    }

    private static int indexOf(String[] values, String value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i].equals(value)) {
                return i;
            }
        }
        throw new IllegalArgumentException(value);
    }
}
