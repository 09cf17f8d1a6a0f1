package dev.grat.experiment;

/**
 * The results of one group. Rates are per exposure; intervals are Wilson score intervals for rates and normal
 * intervals for revenue per visitor. The comparisons are null for the control itself.
 */
public record GroupResult(String group, double designShare, long visitors, long exposures, long clicks, Estimate ctr,
                          long conversions, Estimate conversionRate, double revenue, Estimate revenuePerVisitor,
                          Comparison ctrVsControl, Comparison conversionVsControl) {
}
