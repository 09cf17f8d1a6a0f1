package dev.grat.server.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** A histogram of durations in seconds, with fixed buckets, for one combination of label values. */
final class LatencyHistogram {

    /** Upper bounds in seconds as written in the {@code le} label, from half a millisecond to ten seconds. */
    private static final List<String> BUCKET_LABELS = List.of("0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025",
            "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10");

    static final double[] BUCKETS = BUCKET_LABELS.stream().mapToDouble(Double::parseDouble).toArray();

    /** One counter per bucket, and a last one for durations above the largest bound. */
    private final LongAdder[] buckets = new LongAdder[BUCKETS.length + 1];
    private final DoubleAdder sum = new DoubleAdder();

    LatencyHistogram() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    void observe(double seconds) {
        int bucket = 0;
        while (bucket < BUCKETS.length && seconds > BUCKETS[bucket]) {
            bucket++;
        }
        buckets[bucket].increment();
        sum.add(seconds);
    }

    /** Writes the cumulative buckets, the sum and the count. */
    void writeTo(PrometheusText text, String name, List<String> labelNames, List<String> labelValues) {
        List<String> names = new ArrayList<>(labelNames);
        names.add("le");
        long cumulative = 0;
        for (int i = 0; i < BUCKETS.length; i++) {
            cumulative += buckets[i].sum();
            text.sample(name + "_bucket", names, with(labelValues, BUCKET_LABELS.get(i)), cumulative);
        }
        // The count is the sum of the buckets read above, so that +Inf is never below a finite bucket.
        cumulative += buckets[BUCKETS.length].sum();
        text.sample(name + "_bucket", names, with(labelValues, "+Inf"), cumulative);
        text.sample(name + "_sum", labelNames, labelValues, sum.sum());
        text.sample(name + "_count", labelNames, labelValues, cumulative);
    }

    private static List<String> with(List<String> values, String last) {
        List<String> all = new ArrayList<>(values);
        all.add(last);
        return all;
    }
}
