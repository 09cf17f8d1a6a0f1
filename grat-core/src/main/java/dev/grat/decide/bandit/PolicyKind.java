package dev.grat.decide.bandit;

import java.util.Arrays;
import java.util.Optional;

/** The decision policies a slot or an experiment variant can use. */
public enum PolicyKind {
    /** Linear upper confidence bound: the candidate with the highest optimistic estimate, plus the floor. */
    LINUCB("linucb", true),
    /** Linear Thompson sampling: the best candidate under a draw from the posterior, plus the floor. */
    THOMPSON("thompson", true),
    /** The best candidate by the current estimate, a uniformly random one with probability epsilon. */
    EPSILON_GREEDY("epsilon_greedy", true),
    /** The shop's own choice sent with the request (its current rule), plus the floor; learns nothing. */
    RULE("rule", false),
    /** Always the same action (a content variant in an A/B test), plus the floor; learns nothing. */
    FIXED("fixed", false);

    private final String wireName;
    private final boolean learns;

    PolicyKind(String wireName, boolean learns) {
        this.wireName = wireName;
        this.learns = learns;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether the policy has a model that rewards update. */
    public boolean learns() {
        return learns;
    }

    public static Optional<PolicyKind> fromWire(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
    }

    public static String wireNames() {
        return String.join(", ", Arrays.stream(values()).map(PolicyKind::wireName).toList());
    }
}
