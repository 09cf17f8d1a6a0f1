package dev.grat.experiment;

import java.util.HashMap;
import java.util.Map;

/** Adds decisions of one group up into {@link GroupCounts}. Not thread-safe; one tally per computation. */
public final class GroupTally {

    private final String group;
    private final Map<String, Double> revenueByVisitor = new HashMap<>();
    private long anonymousVisitors;
    private double anonymousSquares;
    private long exposures;
    private long clicks;
    private long conversions;
    private double revenue;

    public GroupTally(String group) {
        this.group = group;
    }

    /**
     * Adds one decision.
     *
     * @param visitorId the visitor, or null when Grat may not keep it (the decision then counts as its own visitor)
     */
    public void add(String visitorId, boolean clicked, boolean converted, double decisionRevenue) {
        exposures++;
        clicks += clicked ? 1 : 0;
        conversions += converted ? 1 : 0;
        revenue += decisionRevenue;
        if (visitorId == null) {
            anonymousVisitors++;
            anonymousSquares += decisionRevenue * decisionRevenue;
        } else {
            revenueByVisitor.merge(visitorId, decisionRevenue, Double::sum);
        }
    }

    public GroupCounts counts() {
        double squares = anonymousSquares;
        for (double value : revenueByVisitor.values()) {
            squares += value * value;
        }
        return new GroupCounts(group, revenueByVisitor.size() + anonymousVisitors, exposures, clicks, conversions,
                revenue, squares);
    }
}
