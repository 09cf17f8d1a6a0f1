package dev.grat.eval.recommend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/** The ways to split interactions into training and test; every one is deterministic for a seed. */
public enum Splitter {

    /** Per user, a random share of their interactions is held out (stratified by user). */
    RANDOM("random per-user holdout") {
        @Override
        public Split split(List<Rating> ratings, double trainRatio, long seed) {
            Random random = new Random(seed);
            List<Rating> train = new ArrayList<>();
            List<Rating> test = new ArrayList<>();
            for (List<Rating> own : byUser(ratings).values()) {
                List<Rating> shuffled = new ArrayList<>(own);
                java.util.Collections.shuffle(shuffled, random);
                int keep = Math.max(1, (int) Math.round(shuffled.size() * trainRatio));
                train.addAll(shuffled.subList(0, keep));
                test.addAll(shuffled.subList(keep, shuffled.size()));
            }
            return new Split(train, test);
        }
    },

    /** Per user, the latest interaction is held out (users with one interaction are training only). */
    LEAVE_LAST("leave-last-out by time") {
        @Override
        public Split split(List<Rating> ratings, double trainRatio, long seed) {
            List<Rating> train = new ArrayList<>();
            List<Rating> test = new ArrayList<>();
            for (List<Rating> own : byUser(ratings).values()) {
                List<Rating> ordered = new ArrayList<>(own);
                ordered.sort(BY_TIME);
                if (ordered.size() < 2) {
                    train.addAll(ordered);
                } else {
                    train.addAll(ordered.subList(0, ordered.size() - 1));
                    test.add(ordered.getLast());
                }
            }
            return new Split(train, test);
        }
    },

    /** One cut in time for everybody: the earliest share trains, the rest tests. */
    TEMPORAL("global temporal split") {
        @Override
        public Split split(List<Rating> ratings, double trainRatio, long seed) {
            List<Rating> ordered = new ArrayList<>(ratings);
            ordered.sort(BY_TIME);
            int cut = (int) Math.round(ordered.size() * trainRatio);
            return new Split(ordered.subList(0, cut), ordered.subList(cut, ordered.size()));
        }
    };

    private static final Comparator<Rating> BY_TIME =
            Comparator.comparingLong(Rating::timestamp).thenComparingLong(Rating::sequence);

    private final String description;

    Splitter(String description) {
        this.description = description;
    }

    /** Splits the ratings; {@code trainRatio} is the share that trains (random and temporal splits). */
    public abstract Split split(List<Rating> ratings, double trainRatio, long seed);

    /** The split's description in reports, for example "random per-user holdout". */
    public String description() {
        return description;
    }

    /** The splitter of a {@code --split} value; throws {@link IllegalArgumentException} naming the option. */
    public static Splitter parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "random" -> RANDOM;
            case "leave-last", "leave-last-out", "loo" -> LEAVE_LAST;
            case "temporal", "time" -> TEMPORAL;
            default -> throw new IllegalArgumentException("--split must be random, leave-last or temporal, was '"
                    + name + "'");
        };
    }

    /** Ratings grouped by user, users in order of first appearance. */
    public static Map<String, List<Rating>> byUser(List<Rating> ratings) {
        Map<String, List<Rating>> users = new LinkedHashMap<>();
        for (Rating rating : ratings) {
            users.computeIfAbsent(rating.user(), u -> new ArrayList<>()).add(rating);
        }
        return users;
    }
}
