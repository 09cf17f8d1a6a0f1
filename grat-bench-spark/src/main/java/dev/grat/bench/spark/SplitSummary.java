package dev.grat.bench.spark;

/**
 * What grat eval made of a split, for the printed protocol.
 *
 * @param trainUsers             users in the training matrix
 * @param trainItems             items in the training matrix (the candidates ranked for every user)
 * @param trainInteractions      distinct (user, item) pairs in training
 * @param testUsers              users evaluated
 * @param heldOut                held-out items of the evaluated users
 * @param coldUsers              test users without training data, left out
 * @param repeatsDropped         held-out pairs also in training, left out
 * @param validationInteractions distinct pairs in the validation-training part carved from training
 * @param validationSeed         seed of that validation split
 */
public record SplitSummary(int trainUsers, int trainItems, int trainInteractions, int testUsers, long heldOut,
                           int coldUsers, int repeatsDropped, int validationInteractions, long validationSeed) {
}
