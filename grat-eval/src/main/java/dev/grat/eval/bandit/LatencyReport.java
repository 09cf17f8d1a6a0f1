package dev.grat.eval.bandit;

import java.util.List;

/**
 * Decision and update times measured in this JVM.
 *
 * @param candidates candidates per decision
 * @param features   feature dimension (every entry non-zero for the policy-level timings: the worst case)
 */
public record LatencyReport(int candidates, int features, int iterations, String jvm, int processors, List<Timing> timings) {

    public LatencyReport {
        timings = List.copyOf(timings);
    }

    /** Percentiles of one operation, in microseconds. */
    public record Timing(String operation, double meanMicros, double p50Micros, double p99Micros, double maxMicros) {
    }
}
