package dev.grat.recommend;

import dev.grat.catalog.Item;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Greedy maximal-marginal-relevance re-ranking: each next item is the one whose score, less a penalty for
 * every item of the same category and brand already chosen, is highest. With diversity 0 this is the score
 * order; with 1 a second item of a category must score far higher to come before a new category.
 */
final class Diversifier {

    private Diversifier() {
    }

    static List<ScoredItem> rerank(List<ScoredItem> ranked, int count, double diversity,
                                   Function<String, Optional<Item>> catalog) {
        if (ranked.isEmpty()) {
            return ranked;
        }
        double top = Math.max(ranked.getFirst().score(), 1e-9);
        List<ScoredItem> remaining = new ArrayList<>(ranked);
        List<ScoredItem> chosen = new ArrayList<>(count);
        Map<String, Integer> categories = new HashMap<>();
        Map<String, Integer> brands = new HashMap<>();
        while (chosen.size() < count && !remaining.isEmpty()) {
            int best = 0;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < remaining.size(); i++) {
                Item item = catalog.apply(remaining.get(i).id()).orElse(null);
                double penalty = item == null ? 0
                        : categories.getOrDefault(item.category(), 0) + 0.5 * brands.getOrDefault(item.brand(), 0);
                double value = (1 - diversity) * remaining.get(i).score() / top - diversity * penalty;
                if (value > bestValue) {
                    bestValue = value;
                    best = i;
                }
            }
            ScoredItem next = remaining.remove(best);
            chosen.add(next);
            catalog.apply(next.id()).ifPresent(item -> {
                categories.merge(item.category(), 1, Integer::sum);
                if (item.brand() != null) {
                    brands.merge(item.brand(), 1, Integer::sum);
                }
            });
        }
        return chosen;
    }
}
