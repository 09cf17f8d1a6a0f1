package dev.grat.eval.recommend;

import dev.grat.recommend.model.Interactions;
import dev.grat.recommend.model.UserHistory;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The held-out items of each evaluated user. A user is evaluated when they have training interactions and at
 * least one held-out item they did not also interact with in training (those could never be recommended).
 *
 * @param relevant     training user index to held-out item ids
 * @param coldUsers    test users without any training interaction (not evaluated)
 * @param repeatsDropped held-out pairs also present in training (not counted)
 */
public record TestSet(Map<Integer, Set<String>> relevant, int coldUsers, int repeatsDropped) {

    /** The test set of these held-out ratings against this training matrix. */
    public static TestSet of(List<Rating> test, Interactions train) {
        Map<Integer, Set<String>> relevant = new LinkedHashMap<>();
        Set<String> cold = new HashSet<>();
        Map<Integer, Set<String>> trained = new LinkedHashMap<>();
        int repeats = 0;
        for (Rating rating : test) {
            int user = train.users().find(rating.user());
            if (user < 0) {
                cold.add(rating.user());
                continue;
            }
            Set<String> seen = trained.computeIfAbsent(user, u -> idsOf(train.historyOf(u), train));
            if (seen.contains(rating.item())) {
                repeats++;
            } else {
                relevant.computeIfAbsent(user, u -> new HashSet<>()).add(rating.item());
            }
        }
        return new TestSet(relevant, cold.size(), repeats);
    }

    private static Set<String> idsOf(UserHistory history, Interactions train) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < history.size(); i++) {
            ids.add(train.items().id(history.item(i)));
        }
        return ids;
    }

    /** The number of evaluated users. */
    public int users() {
        return relevant.size();
    }
}
