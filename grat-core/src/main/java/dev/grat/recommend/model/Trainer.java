package dev.grat.recommend.model;

/** Trains one kind of model from an interaction matrix; the result is independent of the matrix. */
public interface Trainer {

    /** The model kind, as in {@link TrainedModel#kind()}. */
    String kind();

    /** The hyperparameters, for logs and reports. */
    String describe();

    TrainedModel train(Interactions data);
}
