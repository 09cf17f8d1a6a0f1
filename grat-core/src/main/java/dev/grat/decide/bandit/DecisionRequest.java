package dev.grat.decide.bandit;

import java.util.List;

/**
 * A request for one decision.
 *
 * @param visitorId  the pseudonymous visitor id (required: it drives experiment assignment)
 * @param slot       the configured slot, e.g. {@code home-offer}, {@code greeting}, {@code navigation}
 * @param candidates the actions to choose from, 1 to {@link DecisionSettings#maxCandidates()}, ids unique
 * @param context    what is known about the request itself
 * @param ruleChoice the id of the candidate the shop's current rule would show (for rule policies, apprentice
 *                   mode and the holdout); null when the shop has none, and then the first candidate stands for it
 */
public record DecisionRequest(String visitorId, String slot, List<Candidate> candidates, RequestContext context,
                              String ruleChoice) {

    public DecisionRequest {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        context = context == null ? RequestContext.none() : context;
    }
}
