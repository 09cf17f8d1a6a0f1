package dev.grat.eval.bandit;

import dev.grat.decide.bandit.RegretReport;

import java.util.Locale;

/** The human-readable form of the reports of {@code grat ope}. */
final class TextReports {

    private TextReports() {
    }

    static String format(Object report) {
        return switch (report) {
            case ObdReport obd -> obd(obd);
            case SimulationReport simulation -> simulation(simulation);
            case LatencyReport latency -> latency(latency);
            default -> throw new IllegalArgumentException("no text form for " + report.getClass().getSimpleName());
        };
    }

    private static String obd(ObdReport r) {
        StringBuilder text = new StringBuilder();
        text.append("Open Bandit Dataset, campaign ").append(r.campaign()).append("\n\n");
        text.append("On-policy click rates (each policy on its own log):\n");
        onPolicy(text, r.random());
        onPolicy(text, r.bts());
        text.append(f("  relative CTR bts / random: %.3f%n%n", r.relativeOnPolicy()));
        text.append("Bernoulli TS estimated off-policy from the random log (").append(r.random().rounds()).append(" rounds):\n");
        value(text, r.btsFromRandom(), r.random().ctr());
        if (r.btsFromPrior() != null) {
            value(text, r.btsFromPrior(), r.random().ctr());
        }
        text.append(f("%nPolicies trained on the first %d rounds of the random log, evaluated on the last %d:%n",
                r.trainRounds(), r.testRounds()));
        onPolicy(text, r.randomOnHeldOut());
        for (ObdReport.TrainedPolicy trained : r.heldOut()) {
            String training = trained.training().equals("none") ? "" : " [" + trained.training() + ", learned from "
                    + trained.learnedFrom() + " rounds]";
            value(text, rename(trained.value(), trained.policy() + training), r.randomOnHeldOut().ctr());
        }
        return text.append("\nMethod: ").append(r.method()).toString();
    }

    private static PolicyValue rename(PolicyValue value, String name) {
        return new PolicyValue(name, value.rounds(), value.meanWeight(), value.effectiveSampleSize(), value.effectiveClicks(),
                value.estimates());
    }

    private static void onPolicy(StringBuilder text, ObdReport.OnPolicy p) {
        text.append(f("  %-34s CTR %.3f%% [%.3f%%, %.3f%%]  (%d clicks / %d rounds)%n", p.policy(), 100 * p.ctr(), 100 * p.low(),
                100 * p.high(), p.clicks(), p.rounds()));
    }

    private static void value(StringBuilder text, PolicyValue v, double baseline) {
        text.append(f("  %s%n    mean weight %.3f, effective sample size %.0f, effective clicks %.1f%s%n", v.policy(), v.meanWeight(),
                v.effectiveSampleSize(), v.effectiveClicks(), v.fewClicks()
                        ? " -- fewer than " + PolicyValue.FEW_CLICKS + ": the intervals understate the uncertainty" : ""));
        for (OpeEstimate e : v.estimates()) {
            text.append(f("    %-5s CTR %.3f%% [%.3f%%, %.3f%%]   relative to random %.2f%n", e.estimator(), 100 * e.value(),
                    100 * e.low(), 100 * e.high(), baseline == 0 ? Double.NaN : e.value() / baseline));
        }
    }

    private static String simulation(SimulationReport r) {
        StringBuilder text = new StringBuilder();
        text.append(f("Simulated shop: %d offers, %d context types, %d rounds, seed %d, feature dimension %d%n", r.offers(),
                r.contexts(), r.rounds(), r.seed(), r.dimension()));
        text.append(f("Expected CTR: oracle %.2f%%, best fixed offer %.2f%%%n%n", 100 * r.oracleRate(), 100 * r.bestFixedRate()));
        int[] checkpoints = r.policies().getFirst().checkpoints();
        int width = Math.max(30, r.policies().stream().mapToInt(p -> p.policy().length()).max().orElse(0) + 2);
        String name = "%-" + width + "s";
        text.append("cumulative regret vs the oracle, in expected clicks, after round\n");
        text.append(f(name, "policy"));
        for (int c : checkpoints) {
            text.append(f("%10d", c));
        }
        text.append(f("%12s%10s%n", "vs fixed*", "CTR"));
        for (RegretReport p : r.policies()) {
            text.append(f(name, p.policy()));
            for (double v : p.vsOracle()) {
                text.append(f("%10.1f", v));
            }
            text.append(f("%12.1f%9.2f%%%n", p.vsBestFixed()[p.vsBestFixed().length - 1], 100.0 * p.clicks() / p.rounds()));
        }
        return text.append("* final regret against always showing the best fixed offer; negative: the policy beat it\n").toString();
    }

    private static String latency(LatencyReport r) {
        StringBuilder text = new StringBuilder();
        text.append(f("%d candidates x %d features, %d timed calls each after warm-up; %s, %d processors%n%n", r.candidates(),
                r.features(), r.iterations(), r.jvm(), r.processors()));
        text.append(f("%-80s%10s%10s%10s%10s%n", "operation (microseconds)", "mean", "p50", "p99", "max"));
        for (LatencyReport.Timing t : r.timings()) {
            text.append(f("%-80s%10.1f%10.1f%10.1f%10.1f%n", t.operation(), t.meanMicros(), t.p50Micros(), t.p99Micros(), t.maxMicros()));
        }
        return text.toString();
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
