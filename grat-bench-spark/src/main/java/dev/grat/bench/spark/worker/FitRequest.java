package dev.grat.bench.spark.worker;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One training request of the worker protocol, a tab-separated line:
 * {@code fit TRAIN RANK ITERATIONS REG_PARAM ALPHA SEED BLOCKS K OUT}. {@code BLOCKS} 0 keeps Spark's default
 * number of user and item blocks; {@code OUT} "-" trains and times without writing lists.
 *
 * @param train      the training interactions, as the driver wrote them (user, item, weight, timestamp)
 * @param rank       ALS factors
 * @param iterations ALS maxIter
 * @param regParam   ALS regParam (lambda)
 * @param alpha      ALS alpha (confidence per unit of strength)
 * @param seed       ALS seed
 * @param blocks     numUserBlocks and numItemBlocks, or 0 for Spark's default
 * @param k          length of the lists to write
 * @param out        where to write the lists, or empty to only train
 */
record FitRequest(Path train, int rank, int iterations, double regParam, double alpha, long seed, int blocks, int k,
                  Optional<Path> out) {

    static final String COMMAND = "fit";

    static FitRequest parse(String line) {
        String[] fields = line.split("\t", -1);
        if (fields.length != 10 || !fields[0].equals(COMMAND)) {
            throw new IllegalArgumentException("expected 'fit' and 9 tab-separated fields, got: " + line);
        }
        return new FitRequest(Path.of(fields[1]), whole(fields[2], "rank"), whole(fields[3], "iterations"),
                Double.parseDouble(fields[4]), Double.parseDouble(fields[5]), Long.parseLong(fields[6]),
                whole(fields[7], "blocks"), whole(fields[8], "k"),
                fields[9].equals("-") ? Optional.empty() : Optional.of(Path.of(fields[9])));
    }

    private static int whole(String field, String name) {
        try {
            return Integer.parseInt(field);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + field + "'");
        }
    }
}
