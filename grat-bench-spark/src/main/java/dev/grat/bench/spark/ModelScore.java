package dev.grat.bench.spark;

import java.util.OptionalDouble;

/**
 * One model's result on the test split, measured by grat eval's evaluator.
 *
 * @param model          model name as reported (for example "ease", "als", "spark-als")
 * @param engine         who trained it: "grat" or "spark-mllib VERSION"
 * @param params         the hyperparameters used on the test split
 * @param k              list length
 * @param users          users evaluated
 * @param precision      precision at k
 * @param recall         recall at k
 * @param ndcg           NDCG at k
 * @param map            MAP at k
 * @param hitRate        share of users with at least one hit
 * @param coverage       distinct recommended items / training items
 * @param trainSeconds   wall time of the training on the whole training split
 * @param validationNdcg NDCG at k of the chosen setting on the validation split, when tuned
 * @param candidates     settings tried on the validation split
 */
public record ModelScore(String model, String engine, String params, int k, int users, double precision,
                         double recall, double ndcg, double map, double hitRate, double coverage, double trainSeconds,
                         OptionalDouble validationNdcg, int candidates) {

    public ModelScore withTraining(String newParams, double seconds, OptionalDouble validation, int tried) {
        return new ModelScore(model, engine, newParams, k, users, precision, recall, ndcg, map, hitRate, coverage,
                seconds, validation, tried);
    }
}
