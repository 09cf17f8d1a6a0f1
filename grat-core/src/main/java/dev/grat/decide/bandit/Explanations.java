package dev.grat.decide.bandit;

/**
 * Why a candidate was shown, in words for the visitor: which kind of data was used, and at most the visitor's own
 * interest that matched.
 */
final class Explanations {

    private static final String AFFINITY = "affinity.";

    private Explanations() {
    }

    static String holdout() {
        return "The shop's standard choice: no personal data used. You are in the small comparison group that sees the shop"
                + " without personalization.";
    }

    static String imitating() {
        return "The shop's standard choice for this place.";
    }

    static String explain(ContextFeatures context, Candidate chosen, ActionDistribution decision) {
        if (decision.chosenProbability() < maxProbability(decision)) {
            return "Shown now and then to everyone, so that the shop keeps learning what visitors like.";
        }
        if (!context.personal()) {
            return "Chosen from what works for visitors in the same situation (time of day, device, channel); no personal data used.";
        }
        String interest = matchedInterest(context, chosen);
        if (interest != null) {
            return "Chosen for you because of your interest in " + interest + ".";
        }
        return "Chosen for you from your interests and visits on this shop, and the time of day and device.";
    }

    private static double maxProbability(ActionDistribution decision) {
        double max = 0;
        for (int i = 0; i < decision.size(); i++) {
            max = Math.max(max, decision.probability(i));
        }
        return max;
    }

    /**
     * The value of a categorical candidate feature the visitor has the strongest affinity for, if any; among equals
     * the first feature by name, whatever order the features come in.
     */
    private static String matchedInterest(ContextFeatures context, Candidate chosen) {
        String best = null;
        double strongest = 0;
        for (String feature : chosen.features().keySet()) {
            int cut = feature.indexOf('=');
            Double affinity = cut > 0 ? context.values().get(AFFINITY + feature) : null;
            if (affinity != null && (affinity > strongest || affinity == strongest && best != null && feature.compareTo(best) < 0)) {
                strongest = affinity;
                best = feature;
            }
        }
        return best == null ? null : best.substring(best.indexOf('=') + 1);
    }
}
