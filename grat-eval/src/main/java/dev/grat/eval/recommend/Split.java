package dev.grat.eval.recommend;

import java.util.List;

/** Training and test interactions. */
record Split(List<Rating> train, List<Rating> test) {

    Split {
        train = List.copyOf(train);
        test = List.copyOf(test);
    }
}
