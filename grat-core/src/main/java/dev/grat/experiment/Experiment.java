package dev.grat.experiment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An A/B/n experiment: visitors outside the global {@link Holdout} are split between the variants by a salted
 * hash of their id, in proportion to the weights. The first variant is the control.
 *
 * @param id       the experiment's id
 * @param salt     the salt of this experiment's split (the id is a fine default)
 * @param variants two or more variants; the first is the control
 */
public record Experiment(String id, String salt, List<Variant> variants) {

    public Experiment {
        variants = List.copyOf(variants);
        List<String> problems = new ArrayList<>();
        if (id == null || id.isBlank()) {
            problems.add("id is required");
        }
        if (salt == null || salt.isEmpty()) {
            problems.add("salt is required");
        }
        if (variants.size() < 2 || variants.size() > 20) {
            problems.add("variants must hold 2 to 20 variants, has " + variants.size());
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < variants.size(); i++) {
            Variant variant = variants.get(i);
            if (variant.name() == null || variant.name().isBlank() || variant.name().equals(Holdout.GROUP)) {
                problems.add("variants[" + i + "].name must be given and not '" + Holdout.GROUP + "'");
            } else if (!names.add(variant.name())) {
                problems.add("variants[" + i + "].name '" + variant.name() + "' is used twice");
            }
            if (!(variant.weight() > 0 && Double.isFinite(variant.weight()))) {
                problems.add("variants[" + i + "].weight must be positive, was " + variant.weight());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("experiment " + id + ": " + String.join("; ", problems));
        }
    }

    /** The control variant's name. */
    public String control() {
        return variants.getFirst().name();
    }

    /** The variant of a (not held out) visitor: stable for the same id and salt. */
    public Variant assign(String visitorId) {
        double point = Bucketing.unit(salt, visitorId) * totalWeight();
        double cumulative = 0;
        for (Variant variant : variants) {
            cumulative += variant.weight();
            if (point < cumulative) {
                return variant;
            }
        }
        return variants.getLast();
    }

    /** The share of all visitors each group should get, the holdout included when it has a share. */
    public List<GroupShare> designShares(Holdout holdout) {
        List<GroupShare> shares = new ArrayList<>();
        double total = totalWeight();
        for (Variant variant : variants) {
            shares.add(new GroupShare(variant.name(), (1 - holdout.share()) * variant.weight() / total));
        }
        if (holdout.share() > 0) {
            shares.add(new GroupShare(Holdout.GROUP, holdout.share()));
        }
        return shares;
    }

    private double totalWeight() {
        return variants.stream().mapToDouble(Variant::weight).sum();
    }

    /** A group and the share of visitors it should get. */
    public record GroupShare(String group, double share) {
    }
}
