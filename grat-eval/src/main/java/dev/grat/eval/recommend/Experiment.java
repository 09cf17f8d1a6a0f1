package dev.grat.eval.recommend;

import dev.grat.recommend.model.Interactions;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The data of one evaluation run: the training matrix and test set, and, for tuning, a validation split
 * carved from the training interactions only.
 *
 * @param dataset         what was read, for reports
 * @param interactions    interactions used (training and test)
 * @param splitter        the split made (or assumed, for a split given as files); also carves the validation split
 * @param positives       what counts as a positive, for reports
 * @param train           the training matrix
 * @param test            the held-out items of each evaluated training user
 * @param validationTrain when tuning, the validation-training matrix carved from the training split
 * @param validationTest  when tuning, the validation held-out items
 * @param validationSeed  the seed of the validation split (the run's seed + 1)
 */
public record Experiment(String dataset, int interactions, Splitter splitter, String positives, Interactions train,
                  TestSet test, Optional<Interactions> validationTrain, Optional<TestSet> validationTest,
                  long validationSeed) {

    /** Reads and splits the data as {@code grat eval} does with these options. */
    public static Experiment prepare(EvalOptions options) throws IOException {
        Dataset dataset;
        Split split;
        Splitter splitter;
        if (options.data().isPresent()) {
            DatasetReader.Format format = options.format().orElse(DatasetReader.detect(options.data().get()));
            dataset = binarized(DatasetReader.read(options.data().get(), format), options.binarize());
            splitter = options.splitter().orElse(format == DatasetReader.Format.SEQUENCES ? Splitter.LEAVE_LAST
                    : Splitter.RANDOM);
            split = splitter.split(dataset.ratings(), options.trainRatio(), options.seed());
        } else {
            DatasetReader.Format format = options.format().orElse(DatasetReader.Format.SPLIT);
            Dataset train = binarized(DatasetReader.read(options.trainFile().get(), format), options.binarize());
            Dataset test = binarized(DatasetReader.read(options.testFile().get(), format), options.binarize());
            dataset = new Dataset(train.name() + " + " + test.name(), List.of(), train.weighted());
            split = new Split(train.ratings(), test.ratings());
            splitter = options.splitter().orElse(Splitter.RANDOM);
        }
        boolean weighted = options.weighted().orElse(dataset.weighted());
        Interactions train = matrix(split.train(), weighted);
        TestSet test = TestSet.of(split.test(), train);
        Optional<Interactions> validationTrain = Optional.empty();
        Optional<TestSet> validationTest = Optional.empty();
        long validationSeed = options.seed() + 1;
        if (options.tune()) {
            Split validation = splitter.split(split.train(), options.trainRatio(), validationSeed);
            Interactions fitted = matrix(validation.train(), weighted);
            validationTrain = Optional.of(fitted);
            validationTest = Optional.of(TestSet.of(validation.test(), fitted));
        }
        String positives = options.binarize().map(t -> "ratings >= " + t).orElse("every interaction")
                + (weighted ? ", value used as strength" : ", each counts 1");
        return new Experiment(dataset.name(), split.train().size() + split.test().size(), splitter, positives, train,
                test, validationTrain, validationTest, validationSeed);
    }

    private static Dataset binarized(Dataset dataset, Optional<Double> threshold) {
        if (threshold.isEmpty()) {
            return dataset;
        }
        List<Rating> kept = dataset.ratings().stream().filter(r -> r.value() >= threshold.get()).toList();
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("--binarize " + threshold.get() + " keeps no interaction of "
                    + dataset.name());
        }
        return new Dataset(dataset.name(), kept, false);
    }

    /**
     * The interaction matrix of these ratings: each counts 1 (repeats capped at 1) unless {@code weighted}, when
     * the value is the strength and repeats add up.
     */
    public static Interactions matrix(List<Rating> ratings, boolean weighted) {
        Interactions.Builder builder = Interactions.builder();
        if (!weighted) {
            builder.maxValue(1);
        }
        for (Rating rating : ratings) {
            builder.add(rating.user(), rating.item(), weighted ? rating.value() : 1);
        }
        return builder.build();
    }
}
