package dev.grat.experiment;

/**
 * What one group of an experiment saw and did.
 *
 * @param visitors             distinct visitors (decisions of visitors whose id Grat may not keep count one each)
 * @param exposures            decisions served
 * @param clicks               decisions followed by at least one click
 * @param conversions          decisions followed by at least one purchase
 * @param revenue              total purchase value attributed to the group's decisions
 * @param revenueSquares       sum over visitors of the square of the visitor's revenue (for its variance)
 */
public record GroupCounts(String group, long visitors, long exposures, long clicks, long conversions, double revenue,
                          double revenueSquares) {

    public GroupCounts {
        if (visitors < 0 || exposures < visitors || clicks < 0 || clicks > exposures || conversions < 0 || conversions > exposures) {
            throw new IllegalArgumentException("inconsistent counts for group " + group + ": visitors=" + visitors
                    + ", exposures=" + exposures + ", clicks=" + clicks + ", conversions=" + conversions);
        }
    }
}
