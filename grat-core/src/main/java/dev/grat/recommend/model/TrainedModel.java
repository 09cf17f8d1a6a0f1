package dev.grat.recommend.model;

/**
 * An immutable trained model: the artifact a trainer produces, {@link ModelFiles} saves and loads, and the
 * engine swaps atomically. Models keep item-side parameters only, never a visitor's data, so erasing a
 * visitor never requires touching a saved model.
 */
public sealed interface TrainedModel extends Recommender permits AlsModel, EaseModel, ItemKnnModel, PopularityModel {

    /** The short name of the model kind, as written in model files: als, ease, item-knn, popularity. */
    String kind();

    /** The hyperparameters it was trained with, for logs and reports. */
    String describe();
}
