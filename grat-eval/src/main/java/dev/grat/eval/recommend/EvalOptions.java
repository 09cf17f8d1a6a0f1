package dev.grat.eval.recommend;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.grat.eval.OptionValues.number;
import static dev.grat.eval.OptionValues.numbers;
import static dev.grat.eval.OptionValues.whole;

/**
 * The options of {@code grat eval}, checked when parsed; messages name the option. Public so that other tools
 * (the Spark comparison) run grat eval's experiment with grat eval's own arguments.
 *
 * @param data        dataset to split ({@code --data}); empty when a split is given
 * @param format      its format, or empty to detect it
 * @param trainFile   a training split made elsewhere ({@code --train}), with {@code testFile}
 * @param splitter    how to split {@code data} (and how to carve the validation split from training)
 * @param trainRatio  share of interactions that train (random and temporal splits)
 * @param binarize    keep only interactions whose rating is at least this, as positives; empty keeps all
 * @param weighted    train with the value column as interaction strength; empty: the format's default
 * @param k           length of the recommendation lists
 * @param models      model families, in report order
 * @param seed        seed of splits and training
 * @param tune        search hyperparameters on a validation split carved from training
 * @param threads     training threads
 * @param factors     ALS factors
 * @param iterations  ALS iterations
 * @param easeLambdas the EASE regularisation values to search (or the one to use)
 * @param json        print one JSON object per model instead of a table
 * @param verbose     print every validation run
 */
public record EvalOptions(Optional<Path> data, Optional<DatasetReader.Format> format, Optional<Path> trainFile,
                   Optional<Path> testFile, Optional<Splitter> splitter, double trainRatio, Optional<Double> binarize,
                   Optional<Boolean> weighted, int k, List<ModelFamily> models, long seed, boolean tune, int threads,
                   int factors, int iterations, List<Double> easeLambdas, boolean json, boolean verbose) {

    /** The usage text printed by {@code grat eval --help}. */
    public static final String USAGE = """
            usage: grat eval --data FILE [options]
                   grat eval --train FILE --test FILE [options]
              --data FILE         u.data (ML-100K), ratings.csv (MovieLens), Beauty.txt (sequences) or a CSV
                                  user,item,timestamp[,event type|weight]
              --format F          auto (default), ml100k, movielens, amazon, csv, split
              --train/--test FILE a split made elsewhere: user<TAB>item<TAB>weight<TAB>timestamp, no header
              --split S           random (default; leave-last for sequences), leave-last, temporal
              --train-ratio R     share that trains, random and temporal splits (default 0.75)
              --binarize T        keep ratings >= T as positives; default: every interaction is a positive
              --weighted          train with the value as interaction strength (default for csv)
              --k K               list length (default 10)
              --models LIST       popularity,item-knn,ease,als (default: all four)
              --seed N            seed of splits and training (default 42)
              --no-tune           use default hyperparameters instead of a validation search
              --threads N         training threads (default: available processors)
              --factors N         ALS factors (default 64); --iterations N ALS sweeps (default 15)
              --ease-lambdas LIST EASE lambdas to search (default 50,100,200,500,1000)
              --json              one JSON object per model on standard output
              --verbose           print every validation run on standard error
            """;

    /** Parses {@code grat eval}'s arguments; throws {@link IllegalArgumentException} naming a bad option. */
    public static EvalOptions parse(String[] args) {
        Builder b = new Builder();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--weighted" -> b.weighted = Optional.of(true);
                case "--no-tune" -> b.tune = false;
                case "--json" -> b.json = true;
                case "--verbose" -> b.verbose = true;
                default -> {
                    if (i + 1 >= args.length || !option.startsWith("--")) {
                        throw new IllegalArgumentException(option.startsWith("--") ? option + " needs a value"
                                : "unexpected argument '" + option + "'");
                    }
                    b.set(option, args[++i]);
                }
            }
        }
        return b.build();
    }

    private static final class Builder {
        Optional<Path> data = Optional.empty();
        Optional<DatasetReader.Format> format = Optional.empty();
        Optional<Path> train = Optional.empty();
        Optional<Path> test = Optional.empty();
        Optional<Splitter> splitter = Optional.empty();
        double trainRatio = 0.75;
        Optional<Double> binarize = Optional.empty();
        Optional<Boolean> weighted = Optional.empty();
        int k = 10;
        List<ModelFamily> models = List.of(ModelFamily.values());
        long seed = 42;
        boolean tune = true;
        int threads = Runtime.getRuntime().availableProcessors();
        int factors = 64;
        int iterations = 15;
        List<Double> easeLambdas = List.of(50.0, 100.0, 200.0, 500.0, 1000.0);
        boolean json;
        boolean verbose;

        void set(String option, String value) {
            switch (option) {
                case "--data" -> data = Optional.of(Path.of(value));
                case "--format" -> format = value.equalsIgnoreCase("auto") ? Optional.empty()
                        : Optional.of(DatasetReader.Format.parse(value));
                case "--train" -> train = Optional.of(Path.of(value));
                case "--test" -> test = Optional.of(Path.of(value));
                case "--split" -> splitter = Optional.of(Splitter.parse(value));
                case "--train-ratio" -> trainRatio = number(option, value, 0.01, 0.99);
                case "--binarize" -> binarize = Optional.of(number(option, value, -1e9, 1e9));
                case "--k" -> k = (int) whole(option, value, 1, 1000);
                case "--models" -> models = models(value);
                case "--seed" -> seed = whole(option, value, Long.MIN_VALUE, Long.MAX_VALUE);
                case "--threads" -> threads = (int) whole(option, value, 1, 256);
                case "--factors" -> factors = (int) whole(option, value, 1, 1024);
                case "--iterations" -> iterations = (int) whole(option, value, 1, 1000);
                case "--ease-lambdas" -> easeLambdas = lambdas(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }

        EvalOptions build() {
            if (data.isPresent() == (train.isPresent() || test.isPresent())) {
                throw new IllegalArgumentException("give either --data FILE or both --train FILE and --test FILE");
            }
            if (train.isPresent() != test.isPresent()) {
                throw new IllegalArgumentException("--train and --test go together");
            }
            return new EvalOptions(data, format, train, test, splitter, trainRatio, binarize, weighted, k, models,
                    seed, tune, threads, factors, iterations, easeLambdas, json, verbose);
        }

        private static List<ModelFamily> models(String value) {
            List<ModelFamily> families = new ArrayList<>();
            for (String name : value.split(",")) {
                ModelFamily family = ModelFamily.parse(name.trim());
                if (!families.contains(family)) {
                    families.add(family);
                }
            }
            return List.copyOf(families);
        }

        private static List<Double> lambdas(String value) {
            return numbers("--ease-lambdas", value, 1e-9, 1e12);
        }
    }
}
