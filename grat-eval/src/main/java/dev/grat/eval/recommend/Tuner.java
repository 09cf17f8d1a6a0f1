package dev.grat.eval.recommend;

import dev.grat.recommend.model.TrainedModel;
import dev.grat.recommend.model.Trainer;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** Picks a family's setting on the validation split, then trains it on all training data and tests it. */
public final class Tuner {

    private final Experiment experiment;
    private final EvalOptions options;
    private final PrintStream log;

    /** A tuner over this experiment with these options; {@code log} gets the validation runs when verbose. */
    public Tuner(Experiment experiment, EvalOptions options, PrintStream log) {
        this.experiment = experiment;
        this.options = options;
        this.log = log;
    }

    /**
     * Chooses the family's setting by NDCG@k on the validation split (when tuning), trains it on the whole
     * training split, and tests it once.
     */
    public Result run(ModelFamily family) {
        List<Trainer> grid = family.grid(options);
        Trainer chosen = family.defaults(options);
        OptionalDouble validationNdcg = OptionalDouble.empty();
        if (options.tune() && grid.size() > 1) {
            double best = Double.NEGATIVE_INFINITY;
            for (Trainer candidate : grid) {
                TrainedModel model = candidate.train(experiment.validationTrain().orElseThrow());
                double ndcg = Evaluator.evaluate(model, experiment.validationTrain().get(),
                        experiment.validationTest().orElseThrow(), options.k()).ndcg();
                if (options.verbose()) {
                    log.printf(Locale.ROOT, "  validation %-10s %-70s NDCG@%d %.4f%n", family.label(),
                            candidate.describe(), options.k(), ndcg);
                }
                if (ndcg > best) {
                    best = ndcg;
                    chosen = candidate;
                }
            }
            validationNdcg = OptionalDouble.of(best);
        }
        long started = System.nanoTime();
        TrainedModel model = chosen.train(experiment.train());
        double trainSeconds = (System.nanoTime() - started) / 1e9;
        Metrics metrics = Evaluator.evaluate(model, experiment.train(), experiment.test(), options.k());
        return new Result(family.label(), chosen.describe(), metrics, trainSeconds, validationNdcg,
                options.tune() ? grid.size() : 1);
    }
}
