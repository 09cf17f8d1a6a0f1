package dev.grat.bench.spark;

import java.util.List;

/** The training and test rows of one split, in the order they are written. */
public record SplitRows(List<SplitRow> train, List<SplitRow> test) {

    public SplitRows {
        train = List.copyOf(train);
        test = List.copyOf(test);
    }
}
