package dev.grat.eval.recommend;

import java.util.List;

/**
 * Training and test interactions.
 *
 * @param train the interactions that train
 * @param test  the held-out interactions
 */
public record Split(List<Rating> train, List<Rating> test) {

    public Split {
        train = List.copyOf(train);
        test = List.copyOf(test);
    }
}
