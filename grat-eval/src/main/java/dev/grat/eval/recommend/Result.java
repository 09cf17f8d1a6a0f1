package dev.grat.eval.recommend;

import java.util.OptionalDouble;

/**
 * The outcome for one model family.
 *
 * @param model          family name
 * @param params         the hyperparameters used on the test split
 * @param metrics        test metrics
 * @param trainSeconds   wall time to train on the whole training split
 * @param validationNdcg NDCG@k of the chosen setting on the validation split, when tuned
 * @param candidates     settings tried on the validation split
 */
public record Result(String model, String params, Metrics metrics, double trainSeconds, OptionalDouble validationNdcg,
              int candidates) {
}
