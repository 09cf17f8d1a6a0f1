package dev.grat.decide.bandit;

import dev.grat.experiment.Experiment;
import dev.grat.experiment.Variant;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An experiment on one slot: each variant decides with its own policy (a learning policy, the shop's rule or a
 * fixed content variant), each with its own learned state.
 *
 * @param arms    variant name to the policy it uses; one per variant
 * @param running whether visitors are being assigned (a stopped experiment keeps its results)
 */
public record SlotExperiment(String slot, Experiment experiment, Map<String, PolicyConfig> arms, boolean running) {

    public SlotExperiment {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(experiment, "experiment");
        arms = Collections.unmodifiableMap(new TreeMap<>(arms));
        for (Variant variant : experiment.variants()) {
            if (!arms.containsKey(variant.name())) {
                throw new IllegalArgumentException("arms." + variant.name() + " is missing: every variant needs a policy");
            }
        }
        if (arms.size() != experiment.variants().size()) {
            throw new IllegalArgumentException("arms name variants the experiment does not have: " + arms.keySet());
        }
    }

    public String id() {
        return experiment.id();
    }

    /** The policy key of a variant's policy. */
    public String policyKey(String variant) {
        return "experiment:" + experiment.id() + ":" + variant;
    }

    public SlotExperiment stopped() {
        return new SlotExperiment(slot, experiment, arms, false);
    }
}
