package dev.grat.server.metrics;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A counter per combination of label values. Label values must come from small fixed vocabularies (event
 * types, route templates, status codes), never from input, so that the number of series stays bounded.
 */
final class LabeledCounter {

    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final Map<List<String>, LongAdder> counts = new ConcurrentHashMap<>();

    LabeledCounter(String name, String help, List<String> labelNames) {
        this.name = name;
        this.help = help;
        this.labelNames = List.copyOf(labelNames);
    }

    void increment(List<String> labelValues, long amount) {
        if (labelValues.size() != labelNames.size()) {
            throw new IllegalArgumentException(name + " takes labels " + labelNames + ", got " + labelValues.size()
                    + " values");
        }
        counts.computeIfAbsent(List.copyOf(labelValues), values -> new LongAdder()).add(amount);
    }

    long get(List<String> labelValues) {
        LongAdder count = counts.get(labelValues);
        return count == null ? 0 : count.sum();
    }

    void writeTo(PrometheusText text) {
        text.family(name, "counter", help);
        // Sorted, so that a scrape reads the same from one time to the next.
        Map<String, List<String>> sorted = new TreeMap<>();
        counts.keySet().forEach(values -> sorted.put(String.join("\u0000", values), values));
        sorted.values().forEach(values -> text.sample(name, labelNames, values, counts.get(values).sum()));
    }
}
