package dev.grat.eval.bandit;

import dev.grat.decide.bandit.Policies;
import dev.grat.decide.bandit.Policy;
import dev.grat.decide.bandit.PolicyConfig;
import dev.grat.experiment.Estimate;
import dev.grat.experiment.ExperimentAnalysis;
import dev.grat.experiment.Statistics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Open Bandit Dataset evaluation: how well off-policy estimates on the random log predict the Bernoulli
 * TS policy's real click rate, and how Grat's policies trained on one part of the random log do on the rest.
 */
public final class ObdEvaluation {

    private ObdEvaluation() {
    }

    public static ObdReport run(Path root, String campaign, ObdOptions options) throws IOException {
        ObdLog random = ObdReader.read(root, "random", campaign);
        ObdLog bts = ObdReader.read(root, "bts", campaign);
        if (random.items().size() != bts.items().size()) {
            throw new IOException("random and bts logs of " + campaign + " have different item counts: "
                    + random.items().size() + " vs " + bts.items().size());
        }
        int actions = random.items().size();
        int positions = Math.max(random.positions(), bts.positions());
        ObdReport.OnPolicy randomOnPolicy = onPolicy("uniform random", random.rounds(), options.level());
        ObdReport.OnPolicy btsOnPolicy = onPolicy("bernoulli TS", bts.rounds(), options.level());

        PositionDistribution btsAverage = PositionDistribution.fromLog("bernoulli TS (action frequencies of its log)", bts);
        PolicyValue btsFromRandom = Estimators.evaluate(btsAverage, random.rounds(), positions, options.resamples(),
                options.seed(), options.level());
        PolicyValue btsFromPrior = null;
        if (options.btsPrior() != null) {
            double[][] prior = readPrior(options.btsPrior(), actions);
            PositionDistribution replayed = PositionDistribution.fromBetaPrior("bernoulli TS (replayed from the given prior)",
                    prior[0], prior[1], positions, options.priorDraws(), options.seed());
            btsFromPrior = Estimators.evaluate(replayed, random.rounds(), positions, options.resamples(),
                    options.seed(), options.level());
        }

        int split = (int) Math.round(random.rounds().size() * options.trainShare());
        List<BanditRound> train = random.rounds().subList(0, split);
        List<BanditRound> test = random.rounds().subList(split, random.rounds().size());
        List<ObdReport.TrainedPolicy> heldOut = new ArrayList<>();
        heldOut.add(untrained(PositionDistribution.uniform(actions, positions), test, positions, options));
        heldOut.add(untrained(btsAverage, test, positions, options));
        for (PolicyConfig config : List.of(PolicyConfig.linUcb(), PolicyConfig.thompson(), PolicyConfig.epsilonGreedy())) {
            PolicyConfig sized = config.withDimension(options.dimension());
            Policy replayed = Policies.create(sized);
            int accepted = PolicyTraining.replay(replayed, train, options.seed());
            heldOut.add(trained(sized.describe(), "replay", accepted, replayed, test, positions, options));
            Policy warm = Policies.create(sized);
            int all = PolicyTraining.warmStart(warm, train);
            heldOut.add(trained(sized.describe(), "warm start", all, warm, test, positions, options));
        }
        return new ObdReport(campaign, randomOnPolicy, btsOnPolicy, btsOnPolicy.ctr() / randomOnPolicy.ctr(), btsFromRandom,
                btsFromPrior, train.size(), test.size(), onPolicy("uniform random (held-out part)", test, options.level()),
                heldOut, method(options));
    }

    private static ObdReport.TrainedPolicy untrained(TargetPolicy target, List<BanditRound> test, int positions, ObdOptions options) {
        return new ObdReport.TrainedPolicy(target.name(), "none", 0,
                Estimators.evaluate(target, test, positions, options.resamples(), options.seed(), options.level()));
    }

    private static ObdReport.TrainedPolicy trained(String name, String training, int learnedFrom, Policy policy,
                                                   List<BanditRound> test, int positions, ObdOptions options) {
        GratPolicyTarget target = new GratPolicyTarget(name, policy, options.seed());
        return new ObdReport.TrainedPolicy(name, training, learnedFrom,
                Estimators.evaluate(target, test, positions, options.resamples(), options.seed(), options.level()));
    }

    private static ObdReport.OnPolicy onPolicy(String name, List<BanditRound> rounds, double level) {
        long clicks = rounds.stream().filter(r -> r.reward() > 0).count();
        Estimate ctr = ExperimentAnalysis.wilson(clicks, rounds.size(), Statistics.normalQuantile((1 + level) / 2));
        return new ObdReport.OnPolicy(name, rounds.size(), clicks, ctr.value(), ctr.low(), ctr.high());
    }

    /** Reads {@code item_id,alpha,beta} lines (a header line is skipped). */
    static double[][] readPrior(Path file, int actions) throws IOException {
        double[][] prior = new double[2][actions];
        boolean[] seen = new boolean[actions];
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || !Character.isDigit(line.charAt(0))) {
                continue;
            }
            String[] cells = line.split(",");
            try {
                int item = Integer.parseInt(cells[0].strip());
                prior[0][item] = Double.parseDouble(cells[1].strip());
                prior[1][item] = Double.parseDouble(cells[2].strip());
                seen[item] = true;
            } catch (RuntimeException e) {
                throw new IOException(file + " line " + (n + 1) + ": expected item_id,alpha,beta with item_id below " + actions);
            }
        }
        for (int a = 0; a < actions; a++) {
            if (!seen[a] || !(prior[0][a] > 0 && prior[1][a] > 0)) {
                throw new IOException(file + ": item " + a + " needs positive alpha and beta");
            }
        }
        return prior;
    }

    private static String method(ObdOptions options) {
        return "Each row of a log is one round: an item shown at one position, with the logging policy's probability of it. "
                + "BTS from the random log: the BTS policy is context-free, so its distribution per position is taken as the "
                + "share of its own log's rows showing each item at that position (the dataset does not ship the BTS parameters; "
                + "only its logged actions are used, never its clicks)"
                + (options.btsPrior() != null ? "; and replayed from the given Beta prior with " + options.priorDraws() + " draws" : "")
                + ". Grat's policies train on the first " + Math.round(options.trainShare() * 100) + "% of the random log in time order "
                + "(replay: learn only when the policy's own draw equals the logged item; warm start: learn from every row) and are "
                + "evaluated frozen, exploration included, on the rest. Estimators: IPS, SNIPS, DR with a per-(item, position) "
                + "mean reward model shrunk to the position mean (20 pseudo-rounds), two-fold cross-fitted. Intervals: " + Math.round(options.level() * 100)
                + "% bootstrap percentile intervals, " + options.resamples() + " resamples, seed " + options.seed()
                + "; on-policy click rates with Wilson intervals.";
    }
}
