package dev.grat.bench.spark;

import dev.grat.recommend.model.IdIndex;
import dev.grat.recommend.model.Interactions;
import dev.grat.recommend.model.Recommender;
import dev.grat.recommend.model.UserHistory;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Recommendation lists computed elsewhere (by Spark), served as a {@link Recommender} so that grat eval's
 * evaluator measures them unchanged. The evaluator asks for a user by their training history, so each list is
 * found by the history of its user in the training matrix; a model trained on that matrix ranks a user by their
 * history alone, so two users with the same history would get the same list, and a file that disagrees is refused.
 */
final class RankedLists implements Recommender {

    private final IdIndex items;
    private final Map<UserHistory, int[]> byHistory;

    private RankedLists(IdIndex items, Map<UserHistory, int[]> byHistory) {
        this.items = items;
        this.byHistory = byHistory;
    }

    /**
     * Lists for the users of {@code train}, by user id, items by id, best first. Users without a list get an
     * empty one (they count as misses); an item outside the training matrix is an error.
     */
    static RankedLists of(Interactions train, Map<String, List<String>> lists) {
        Map<UserHistory, int[]> byHistory = new HashMap<>();
        for (int user = 0; user < train.userCount(); user++) {
            String userId = train.users().id(user);
            int[] list = indices(lists.getOrDefault(userId, List.of()), train.items(), userId);
            int[] before = byHistory.put(train.historyOf(user), list);
            if (before != null && !Arrays.equals(before, list)) {
                throw new IllegalArgumentException("user '" + userId + "' has the same training history as another"
                        + " user but a different list; lists cannot be matched to users");
            }
        }
        return new RankedLists(train.items(), byHistory);
    }

    private static int[] indices(List<String> ids, IdIndex items, String user) {
        int[] out = new int[ids.size()];
        for (int rank = 0; rank < out.length; rank++) {
            out[rank] = items.find(ids.get(rank));
            if (out[rank] < 0) {
                throw new IllegalArgumentException("the list of user '" + user + "' holds item '" + ids.get(rank)
                        + "', which is not in the training data");
            }
        }
        return out;
    }

    @Override
    public IdIndex items() {
        return items;
    }

    /** Listed items score by rank (the first highest), all others 0. */
    @Override
    public float[] scores(UserHistory history) {
        int[] list = listOf(history);
        float[] scores = new float[items.size()];
        for (int rank = 0; rank < list.length; rank++) {
            scores[list[rank]] = list.length - rank;
        }
        return scores;
    }

    /** The list as given, without the history's items and {@code excluded}, cut to {@code count}. */
    @Override
    public int[] recommend(UserHistory history, int count, IntPredicate excluded) {
        boolean[] seen = new boolean[items.size()];
        for (int i = 0; i < history.size(); i++) {
            seen[history.item(i)] = true;
        }
        return Arrays.stream(listOf(history)).filter(item -> !seen[item] && !excluded.test(item)).limit(count)
                .toArray();
    }

    private int[] listOf(UserHistory history) {
        int[] list = byHistory.get(history);
        if (list == null) {
            throw new IllegalArgumentException("no list for a user with this history: " + history
                    + "; lists are only for the users of the training matrix they were made from");
        }
        return list;
    }
}
