package dev.grat.eval.recommend;

import java.util.List;

/**
 * Interactions read from one source.
 *
 * @param name     what was read, for the report
 * @param ratings  every interaction, in file order
 * @param weighted true when {@code value} is an interaction strength to train with; false when it is a rating
 *                 (then every kept interaction counts 1, after the optional binarisation)
 */
public record Dataset(String name, List<Rating> ratings, boolean weighted) {

    public Dataset {
        ratings = List.copyOf(ratings);
    }
}
