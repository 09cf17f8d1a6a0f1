package dev.grat.decide;

import dev.grat.decide.bandit.Candidate;
import dev.grat.decide.bandit.DecisionAnswer;
import dev.grat.decide.bandit.DecisionRequest;
import dev.grat.decide.bandit.DecisionService;
import dev.grat.decide.bandit.RankedAction;
import dev.grat.decide.bandit.RequestContext;
import dev.grat.privacy.DataUse;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Navigation order and content variants chosen by a learning policy instead of the rules, per slot: when the
 * shop configures the decision slot {@value #NAVIGATION_SLOT} or {@code content.<slot>} (e.g.
 * {@code content.greeting}), the rule's answer becomes the policy's "rule choice" (which an apprentice imitates)
 * and the entries become the candidates. Without such a slot, or without a visitor, the rules answer alone.
 */
public final class LearnedLayouts {

    /** The decision slot that orders the navigation. */
    public static final String NAVIGATION_SLOT = "navigation";
    /** The prefix of decision slots that choose a content variant. */
    public static final String CONTENT_PREFIX = "content.";

    private final DecisionService decisions;
    private final ContentService content;

    public LearnedLayouts(DecisionService decisions, ContentService content) {
        this.decisions = decisions;
        this.content = content;
    }

    /** The rules' navigation, or the learning policy's order of the same categories. */
    public Navigation navigation(String visitorId, Navigation rules) {
        if (visitorId == null || rules.categories().isEmpty() || !decisions.slots().containsKey(NAVIGATION_SLOT)) {
            return rules;
        }
        List<Candidate> candidates = new ArrayList<>();
        Map<String, NavigationEntry> byCategory = new HashMap<>();
        for (NavigationEntry entry : rules.categories()) {
            byCategory.put(entry.category(), entry);
            candidates.add(new Candidate(entry.category(), Map.of("category=" + entry.category(), 1.0,
                    "ruleScore", entry.score())));
        }
        DecisionAnswer answer = decisions.decide(new DecisionRequest(visitorId, NAVIGATION_SLOT, candidates,
                RequestContext.none(), rules.categories().getFirst().category()));
        List<NavigationEntry> ordered = new ArrayList<>();
        ordered.add(entry(byCategory.get(answer.chosen()), answer.explanation()));
        for (RankedAction action : answer.ranking()) {
            if (!action.actionId().equals(answer.chosen())) {
                ordered.add(byCategory.get(action.actionId()));
            }
        }
        return new Navigation(ordered, rules.personalized(), "Ordered by the learning policy "
                + answer.policy() + " of the navigation slot", answer.decisionId(), answer.policy(), rules.privacyLevel(),
                union(rules.dataUsed(), answer.dataUsed()));
    }

    /** The rules' content decision, or the variant the slot's learning policy chose. */
    public ContentDecision content(String visitorId, String slot, ContentDecision rules) {
        String decisionSlot = CONTENT_PREFIX + slot;
        if (visitorId == null || !decisions.slots().containsKey(decisionSlot)) {
            return rules;
        }
        Set<String> fitting = content.fitting(visitorId, slot);
        List<Candidate> candidates = new ArrayList<>();
        Map<String, ContentVariant> byId = new HashMap<>();
        for (ContentVariant variant : content.variants(slot)) {
            byId.put(variant.id(), variant);
            candidates.add(new Candidate(variant.id(), Map.of("variant=" + variant.id(), 1.0,
                    "fits", fitting.contains(variant.id()) ? 1.0 : 0.0)));
        }
        DecisionAnswer answer = decisions.decide(new DecisionRequest(visitorId, decisionSlot, candidates,
                RequestContext.none(), rules.variantId()));
        ContentVariant chosen = byId.get(answer.chosen());
        return new ContentDecision(slot, chosen.id(), chosen.text(), answer.explanation(),
                rules.personalized(), answer.decisionId(), answer.policy(), rules.privacyLevel(),
                union(rules.dataUsed(), answer.dataUsed()));
    }

    /** The rules were computed (their candidates and scores are features) and the policy decided: both count. */
    private static List<DataUse> union(List<DataUse> rules, List<DataUse> policy) {
        EnumSet<DataUse> all = EnumSet.noneOf(DataUse.class);
        all.addAll(rules);
        all.addAll(policy);
        return List.copyOf(all);
    }

    private static NavigationEntry entry(NavigationEntry entry, String reason) {
        return new NavigationEntry(entry.category(), entry.score(), reason);
    }
}
