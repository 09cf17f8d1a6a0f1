package dev.grat.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.grat.Grat;
import dev.grat.NotFoundException;
import dev.grat.decide.bandit.SlotExperiment;
import dev.grat.experiment.Comparison;
import dev.grat.experiment.Estimate;
import dev.grat.experiment.ExperimentResults;
import dev.grat.experiment.GroupResult;
import dev.grat.experiment.SampleRatioCheck;
import dev.grat.server.config.ServerConfig;
import dev.grat.server.json.ExperimentWire;
import dev.grat.server.json.WireFormat;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code grat experiments results --data DIR --id ID [--json]}: an experiment's results from the data directory,
 * the same numbers as {@code GET /v1/experiments/{id}/results}. It opens the store, so the directory must not be
 * in use by a running server (ask the server over HTTP instead).
 */
final class ExperimentsCommand {

    static final String USAGE = "./grat experiments results --data DIR --id ID [--json]";
    private static final String JSON_SWITCH = "--json";

    private final Map<String, String> environment;
    private final PrintStream out;

    ExperimentsCommand(Map<String, String> environment, PrintStream out) {
        this.environment = environment;
        this.out = out;
    }

    int run(List<String> args) {
        if (args.isEmpty() || !args.getFirst().equals("results")) {
            throw new UsageException("experiments needs the subcommand results: " + USAGE);
        }
        List<String> rest = new ArrayList<>(args.subList(1, args.size()));
        // --json is a switch without a value, which Arguments does not know; it is taken out before parsing.
        boolean json = rest.remove(JSON_SWITCH);
        if (rest.contains(JSON_SWITCH)) {
            throw new UsageException(JSON_SWITCH + " is given more than once");
        }
        Arguments arguments = Arguments.parse("experiments results", rest, List.of("--data", "--store", "--config", "--id"));
        String id = arguments.get("--id").filter(value -> !value.isBlank())
                .orElseThrow(() -> new UsageException("experiments results needs --id ID: " + USAGE));
        ServerConfig config = CommandLineConfig.load(arguments, ServerConfig.builder().build(), environment);
        try (Grat grat = Engines.open(config)) {
            SlotExperiment experiment = grat.experiments().stream().filter(e -> e.id().equals(id)).findFirst()
                    .orElseThrow(() -> new NotFoundException("experiment '" + id + "' does not exist in "
                            + config.dataDir() + "; experiments there: " + String.join(", ",
                            grat.experiments().stream().map(SlotExperiment::id).toList())));
            ExperimentResults results = grat.experimentResults(id);
            if (json) {
                printJson(results);
            } else {
                print(experiment, results);
            }
        }
        return Main.OK;
    }

    private void printJson(ExperimentResults results) {
        var mapper = WireFormat.defaultMapper();
        try {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(new ExperimentWire(mapper).toJson(results)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private void print(SlotExperiment experiment, ExperimentResults results) {
        out.println("experiment " + experiment.id() + " on slot " + experiment.slot() + " ("
                + (experiment.running() ? "running" : "stopped") + "); control: " + results.control());
        for (GroupResult group : results.groups()) {
            out.println();
            out.println(group.group() + " (design share " + percent(group.designShare()) + "): " + group.visitors()
                    + " visitors, " + group.exposures() + " exposures, " + group.clicks() + " clicks, "
                    + group.conversions() + " conversions, revenue " + number(group.revenue()));
            out.println("  CTR              " + estimate(group.ctr(), true) + comparison(group.ctrVsControl()));
            out.println("  conversion rate  " + estimate(group.conversionRate(), true)
                    + comparison(group.conversionVsControl()));
            out.println("  revenue/visitor  " + estimate(group.revenuePerVisitor(), false));
        }
        out.println();
        SampleRatioCheck check = results.sampleRatio();
        out.println("sample ratio: chi-square " + number(check.chiSquare()) + " with " + check.degrees()
                + " degrees of freedom, p " + number(check.pValue()) + (check.mismatch()
                ? ": MISMATCH (p below " + check.threshold() + "): the assignment or the logging is broken; do not trust the other numbers"
                : ": matches the design"));
        out.println("method: " + results.method());
    }

    private static String estimate(Estimate estimate, boolean rate) {
        if (estimate == null || !Double.isFinite(estimate.value())) {
            return "n/a";
        }
        return rate
                ? percent(estimate.value()) + " [" + percent(estimate.low()) + ", " + percent(estimate.high()) + "]"
                : number(estimate.value()) + " [" + number(estimate.low()) + ", " + number(estimate.high()) + "]";
    }

    private static String comparison(Comparison comparison) {
        if (comparison == null) {
            return "";
        }
        return String.format(Locale.ROOT, "   vs control %+.2f points [%+.2f, %+.2f], always-valid p %s%s, P(beats control) %s",
                comparison.difference() * 100, comparison.low() * 100, comparison.high() * 100,
                number(comparison.alwaysValidP()), comparison.significant() ? " (significant)" : "",
                percent(comparison.probabilityToBeatControl()));
    }

    private static String percent(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.2f%%", value * 100) : "n/a";
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4g", value) : "n/a";
    }
}
