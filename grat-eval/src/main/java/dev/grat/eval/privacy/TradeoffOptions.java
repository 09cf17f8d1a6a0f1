package dev.grat.eval.privacy;

import dev.grat.eval.recommend.DatasetReader;
import dev.grat.eval.recommend.Splitter;

import java.nio.file.Path;
import java.util.Optional;

import static dev.grat.eval.OptionValues.number;
import static dev.grat.eval.OptionValues.whole;

/**
 * The options of {@code grat privacy-tradeoff}, checked when parsed; messages name the option. The dataset, split
 * and list options are {@code grat eval}'s.
 *
 * @param data          the dataset
 * @param format        its format, or empty to detect it
 * @param splitter      how to split it; empty: grat eval's default for the format
 * @param trainRatio    share that trains (random and temporal splits)
 * @param binarize      keep only ratings of at least this, as positives; empty keeps all
 * @param weighted      train with the value as interaction strength; empty: the format's default
 * @param k             list length
 * @param seed          seed of the split, the folds and ALS
 * @param threads       ALS training threads
 * @param factors       ALS factors
 * @param iterations    ALS sweeps
 * @param folds         user folds: each fold's users are evaluated against a model trained without them
 * @param sessionLength the session level's interactions: the last N of the visitor's last session
 * @param sessionGap    seconds of inactivity that end a session
 * @param json          one JSON object per level instead of a table
 */
record TradeoffOptions(Path data, Optional<DatasetReader.Format> format, Optional<Splitter> splitter,
                       double trainRatio, Optional<Double> binarize, Optional<Boolean> weighted, int k, long seed,
                       int threads, int factors, int iterations, int folds, int sessionLength, long sessionGap,
                       boolean json) {

    static final String USAGE = """
            usage: grat privacy-tradeoff --data FILE [options]
              Recommendation quality at each privacy level, on one split: context (popularity, nothing of the
              visitor), session (the last N interactions of one session, model trained without the visitor),
              first_party (the visitor's own history, model trained without them), full (model trained with them).
              --data FILE         u.data, ratings.csv, Beauty.txt (sequences) or a CSV user,item,timestamp[,type|weight]
              --ratings FILE      the same as --data (MovieLens u.data or ratings.csv)
              --amazon FILE       a sequence file (the Amazon 5-core sets): --data FILE --format amazon
              --interactions FILE a CSV user,item,timestamp[,event type|weight]: --data FILE --format csv
              --format F          auto (default), ml100k, movielens, amazon, csv
              --split S           random (default; leave-last for sequences), leave-last, temporal
              --train-ratio R     share that trains, random and temporal splits (default 0.75)
              --binarize T        keep ratings >= T as positives; default: every interaction is a positive
              --weighted          train with the value as interaction strength (default for csv)
              --k K               list length (default 10)
              --seed N            seed of the split, the user folds and ALS (default 42)
              --threads N         ALS training threads (default: available processors)
              --factors N         ALS factors (default 64); --iterations N ALS sweeps (default 15)
              --folds N           user folds, each evaluated against a model trained without it (default 5)
              --session-length N  interactions of the session level (default 5)
              --session-gap MIN   minutes of inactivity that end a session (default 30)
              --json              one JSON object per level on standard output
            """;

    static TradeoffOptions parse(String[] args) {
        Builder b = new Builder();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--weighted" -> b.weighted = Optional.of(true);
                case "--json" -> b.json = true;
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
        Optional<Splitter> splitter = Optional.empty();
        double trainRatio = 0.75;
        Optional<Double> binarize = Optional.empty();
        Optional<Boolean> weighted = Optional.empty();
        int k = 10;
        long seed = 42;
        int threads = Runtime.getRuntime().availableProcessors();
        int factors = 64;
        int iterations = 15;
        int folds = 5;
        int sessionLength = 5;
        long sessionGapMinutes = 30;
        boolean json;

        void set(String option, String value) {
            switch (option) {
                case "--data", "--ratings" -> dataset(option, value, Optional.empty());
                case "--amazon" -> dataset(option, value, Optional.of(DatasetReader.Format.SEQUENCES));
                case "--interactions" -> dataset(option, value, Optional.of(DatasetReader.Format.CSV));
                case "--format" -> format = value.equalsIgnoreCase("auto") ? Optional.empty()
                        : Optional.of(DatasetReader.Format.parse(value));
                case "--split" -> splitter = Optional.of(Splitter.parse(value));
                case "--train-ratio" -> trainRatio = number(option, value, 0.01, 0.99);
                case "--binarize" -> binarize = Optional.of(number(option, value, -1e9, 1e9));
                case "--k" -> k = (int) whole(option, value, 1, 1000);
                case "--seed" -> seed = whole(option, value, Long.MIN_VALUE, Long.MAX_VALUE);
                case "--threads" -> threads = (int) whole(option, value, 1, 256);
                case "--factors" -> factors = (int) whole(option, value, 1, 1024);
                case "--iterations" -> iterations = (int) whole(option, value, 1, 1000);
                case "--folds" -> folds = (int) whole(option, value, 2, 100);
                case "--session-length" -> sessionLength = (int) whole(option, value, 1, 10_000);
                case "--session-gap" -> sessionGapMinutes = whole(option, value, 1, 1_000_000);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }

        private void dataset(String option, String value, Optional<DatasetReader.Format> implied) {
            if (data.isPresent()) {
                throw new IllegalArgumentException(option + ": give one dataset (--data, --ratings, --amazon or"
                        + " --interactions)");
            }
            data = Optional.of(Path.of(value));
            if (implied.isPresent()) {
                format = implied;
            }
        }

        TradeoffOptions build() {
            Path file = data.orElseThrow(() -> new IllegalArgumentException(
                    "--data FILE is required (or --ratings, --amazon, --interactions)"));
            if (format.equals(Optional.of(DatasetReader.Format.SPLIT))) {
                throw new IllegalArgumentException("--format split is not supported here: the levels need the"
                        + " whole dataset, which this command splits itself");
            }
            return new TradeoffOptions(file, format, splitter, trainRatio, binarize, weighted, k, seed, threads,
                    factors, iterations, folds, sessionLength, sessionGapMinutes * 60, json);
        }
    }
}
