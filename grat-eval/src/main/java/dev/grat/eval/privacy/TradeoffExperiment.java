package dev.grat.eval.privacy;

import dev.grat.eval.recommend.Dataset;
import dev.grat.eval.recommend.DatasetReader;
import dev.grat.eval.recommend.Experiment;
import dev.grat.eval.recommend.RankingTally;
import dev.grat.eval.recommend.Rating;
import dev.grat.eval.recommend.Split;
import dev.grat.eval.recommend.Splitter;
import dev.grat.recommend.model.AlsParams;
import dev.grat.recommend.model.AlsTrainer;
import dev.grat.recommend.model.IdIndex;
import dev.grat.recommend.model.Interactions;
import dev.grat.recommend.model.PopularityModel;
import dev.grat.recommend.model.Recommender;
import dev.grat.recommend.model.UserHistory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * One run of {@code grat privacy-tradeoff}: the dataset split as {@code grat eval} splits it; the evaluated users
 * (those with training data and held-out items) dealt into seeded folds; an ALS model trained without each fold's
 * users, one trained with everybody, and popularity. Each user is then recommended to at every level, through
 * ALS's fold-in ({@code AlsModel.scores}, the engine's request path), and the lists measured against their
 * held-out items over the whole training catalogue.
 */
final class TradeoffExperiment {

    private final TradeoffOptions options;
    private final String dataset;
    private final Splitter splitter;
    private final boolean weighted;
    private final List<Rating> train;
    private final List<EvaluatedUser> users;

    /** A user who is evaluated: their training interactions in time order and their held-out items. */
    record EvaluatedUser(String id, List<Rating> history, Set<String> heldOut, int fold) {
    }

    private TradeoffExperiment(TradeoffOptions options, String dataset, Splitter splitter, boolean weighted,
                               List<Rating> train, List<EvaluatedUser> users) {
        this.options = options;
        this.dataset = dataset;
        this.splitter = splitter;
        this.weighted = weighted;
        this.train = train;
        this.users = users;
    }

    static TradeoffExperiment prepare(TradeoffOptions options) throws IOException {
        DatasetReader.Format format = options.format().orElse(DatasetReader.detect(options.data()));
        Dataset read = DatasetReader.read(options.data(), format);
        List<Rating> ratings = options.binarize()
                .map(t -> read.ratings().stream().filter(r -> r.value() >= t).toList()).orElse(read.ratings());
        if (ratings.isEmpty()) {
            throw new IllegalArgumentException("--binarize " + options.binarize().orElseThrow()
                    + " keeps no interaction of " + read.name());
        }
        Splitter splitter = options.splitter().orElse(format == DatasetReader.Format.SEQUENCES ? Splitter.LEAVE_LAST
                : Splitter.RANDOM);
        Split split = splitter.split(ratings, options.trainRatio(), options.seed());
        // as grat eval: binarised ratings count 1 each unless --weighted says otherwise
        boolean weighted = options.weighted().orElse(options.binarize().isEmpty() && read.weighted());
        return new TradeoffExperiment(options, read.name(), splitter, weighted, split.train(),
                evaluatedUsers(split, options));
    }

    private static List<EvaluatedUser> evaluatedUsers(Split split, TradeoffOptions options) {
        Map<String, List<Rating>> histories = Splitter.byUser(split.train());
        Map<String, Set<String>> heldOut = new LinkedHashMap<>();
        for (Rating rating : split.test()) {
            List<Rating> history = histories.get(rating.user());
            if (history != null && history.stream().noneMatch(r -> r.item().equals(rating.item()))) {
                heldOut.computeIfAbsent(rating.user(), u -> new HashSet<>()).add(rating.item());
            }
        }
        List<String> ids = new ArrayList<>(heldOut.keySet());
        Collections.shuffle(ids, new Random(options.seed()));
        List<EvaluatedUser> users = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            List<Rating> ordered = new ArrayList<>(histories.get(ids.get(i)));
            ordered.sort(Sessions.BY_TIME);
            users.add(new EvaluatedUser(ids.get(i), List.copyOf(ordered), Set.copyOf(heldOut.get(ids.get(i))),
                    i % options.folds()));
        }
        return List.copyOf(users);
    }

    String dataset() {
        return dataset;
    }

    Splitter splitter() {
        return splitter;
    }

    boolean weighted() {
        return weighted;
    }

    List<EvaluatedUser> users() {
        return users;
    }

    int trainingInteractions() {
        return train.size();
    }

    AlsParams alsParams() {
        return AlsParams.defaults().withFactors(options.factors()).withIterations(options.iterations())
                .withSeed(options.seed()).withThreads(options.threads());
    }

    /** The training matrix of everybody but the users of {@code fold}; every user for a negative fold. */
    Interactions trainingWithout(int fold) {
        Set<String> left = new HashSet<>();
        for (EvaluatedUser user : users) {
            if (user.fold() == fold) {
                left.add(user.id());
            }
        }
        return Experiment.matrix(train.stream().filter(r -> !left.contains(r.user())).toList(), weighted);
    }

    /** Trains the models and measures every level. */
    List<LevelResult> run() {
        Interactions everybody = trainingWithout(-1);
        IdIndex catalogue = everybody.items();
        AlsTrainer trainer = new AlsTrainer(alsParams());
        Recommender full = trainer.train(everybody);
        int[] context = PopularityModel.train(everybody).recommend(UserHistory.empty(), options.k(), item -> false);
        Map<TradeoffLevel, Level> levels = new EnumMap<>(TradeoffLevel.class);
        for (TradeoffLevel level : TradeoffLevel.values()) {
            levels.put(level, new Level(new RankingTally(options.k(), catalogue)));
        }
        for (int fold = 0; fold < options.folds(); fold++) {
            Recommender without = trainer.train(trainingWithout(fold));
            for (EvaluatedUser user : users) {
                if (user.fold() != fold) {
                    continue;
                }
                levels.get(TradeoffLevel.CONTEXT).add(context, 0, false, user);
                List<Rating> session = Sessions.lastOfLastSession(user.history(), options.sessionGap(),
                        options.sessionLength());
                recommend(levels.get(TradeoffLevel.SESSION), without, session, catalogue, context, user);
                recommend(levels.get(TradeoffLevel.FIRST_PARTY), without, user.history(), catalogue, context, user);
                recommend(levels.get(TradeoffLevel.FULL), full, user.history(), catalogue, context, user);
            }
        }
        List<LevelResult> results = new ArrayList<>();
        levels.forEach((level, tally) -> results.add(tally.result(level)));
        return results;
    }

    /**
     * The model's top k for a visitor known by these interactions, as the engine answers them: fold-in over the
     * items the model knows, their own items left out; the context list when the model knows none of them.
     */
    private void recommend(Level level, Recommender model, List<Rating> known, IdIndex catalogue, int[] context,
                           EvaluatedUser user) {
        UserHistory history = historyOf(known, model.items());
        if (history.isEmpty()) {
            level.add(context, 0, true, user);
            return;
        }
        int[] top = model.recommend(history, options.k(), item -> false);
        int[] inCatalogue = new int[top.length];
        for (int i = 0; i < top.length; i++) {
            inCatalogue[i] = catalogue.find(model.items().id(top[i]));
        }
        level.add(inCatalogue, history.size(), false, user);
    }

    /** The interactions as a model's history: strengths add up per item (each counts 1 unless weighted). */
    private UserHistory historyOf(List<Rating> interactions, IdIndex items) {
        Map<Integer, Double> strength = new LinkedHashMap<>();
        for (Rating rating : interactions) {
            int index = items.find(rating.item());
            if (index >= 0) {
                strength.merge(index, weighted ? rating.value() : 1, weighted ? Double::sum : (a, b) -> 1.0);
            }
        }
        strength.values().removeIf(value -> !(value > 0));
        int[] indices = new int[strength.size()];
        float[] values = new float[strength.size()];
        int n = 0;
        for (Map.Entry<Integer, Double> entry : strength.entrySet()) {
            indices[n] = entry.getKey();
            values[n++] = entry.getValue().floatValue();
        }
        return new UserHistory(indices, values);
    }

    /** One level's running tally. */
    private static final class Level {
        private final RankingTally tally;
        private long historyItems;
        private int users;
        private int fallbacks;

        Level(RankingTally tally) {
            this.tally = tally;
        }

        void add(int[] top, int historySize, boolean fallback, EvaluatedUser user) {
            tally.add(top, user.heldOut());
            historyItems += historySize;
            users++;
            fallbacks += fallback ? 1 : 0;
        }

        LevelResult result(TradeoffLevel level) {
            return new LevelResult(level, tally.metrics(0), users == 0 ? 0 : (double) historyItems / users, fallbacks);
        }
    }
}
