package dev.grat.experiment;

import java.util.List;

/**
 * The results of an experiment.
 *
 * @param control     the group the others are compared with
 * @param groups      one result per variant, and the holdout group when there is one
 * @param sampleRatio the sample-ratio-mismatch check
 * @param method      how the numbers were computed, in words, for the output
 */
public record ExperimentResults(String experimentId, String control, List<GroupResult> groups, SampleRatioCheck sampleRatio,
                                String method) {

    public ExperimentResults {
        groups = List.copyOf(groups);
    }
}
