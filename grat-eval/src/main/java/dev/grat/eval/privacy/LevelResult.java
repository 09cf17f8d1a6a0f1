package dev.grat.eval.privacy;

import dev.grat.eval.recommend.Metrics;

/**
 * The quality reached at one privacy level.
 *
 * @param level       the level
 * @param metrics     ranking metrics at k over the evaluated users
 * @param meanHistory mean number of the visitor's items the model folded in (0 for context)
 * @param fallbacks   users for whom none of those items was known to the model, who got the context list
 */
record LevelResult(TradeoffLevel level, Metrics metrics, double meanHistory, int fallbacks) {
}
