package dev.grat.bench.spark;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;

/**
 * Repeated measurements of one training: wall seconds and CPU seconds of the whole process (all its threads,
 * the JIT and the garbage collector included). On a shared machine the CPU time is the steadier of the two.
 *
 * @param wallSeconds one value per run
 * @param cpuSeconds  one value per run
 */
record Timing(List<Double> wallSeconds, List<Double> cpuSeconds) {

    Timing {
        wallSeconds = List.copyOf(wallSeconds);
        cpuSeconds = List.copyOf(cpuSeconds);
        if (wallSeconds.isEmpty() || wallSeconds.size() != cpuSeconds.size()) {
            throw new IllegalArgumentException("a timing needs as many CPU as wall values, at least one; had "
                    + wallSeconds.size() + " and " + cpuSeconds.size());
        }
    }

    double medianWall() {
        return median(wallSeconds);
    }

    double medianCpu() {
        return median(cpuSeconds);
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** CPU time of this JVM so far, all threads. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    @Override
    public String toString() {
        return "Timing[wall=" + Arrays.toString(wallSeconds.toArray()) + ", cpu=" + Arrays.toString(cpuSeconds.toArray())
                + "]";
    }
}
