package dev.grat.eval.bandit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code grat ope}: off-policy evaluation of decision policies, the regret simulator and a latency measurement.
 * <pre>
 * grat ope --obd DIR --campaign men|women [--bts-prior FILE] [--train-share 0.5] [--bootstrap 1000] [--seed 1]
 *          [--dimension 128] [--json]
 * grat ope --simulate [--offers 20] [--rounds 20000] [--seed 7] [--dimension 128] [--json]
 * grat ope --latency [--candidates 50] [--features 100] [--iterations 20000] [--json]
 * </pre>
 */
public final class OpeCommand {

    private static final Set<String> FLAGS = Set.of("--json", "--simulate", "--latency", "--help");
    private static final Set<String> OPTIONS = Set.of("--obd", "--campaign", "--bts-prior", "--train-share", "--bootstrap",
            "--seed", "--dimension", "--offers", "--rounds", "--candidates", "--features", "--iterations");
    private static final String USAGE = """
            usage: grat ope --obd DIR --campaign men|women [--bts-prior FILE] [--train-share 0.5] [--bootstrap 1000]
                            [--seed 1] [--dimension 128] [--json]
                   grat ope --simulate [--offers 20] [--rounds 20000] [--seed 7] [--dimension 128] [--json]
                   grat ope --latency [--candidates 50] [--features 100] [--iterations 20000] [--json]
              --obd DIR        an Open Bandit Dataset folder with random/ and bts/ (e.g. ../shared/datasets/open-bandit-dataset-small)
              --bts-prior FILE optional CSV item_id,alpha,beta: replay BTS from this prior as the Open Bandit Pipeline does
              --simulate       regret of each policy in a simulated shop with known click probabilities
              --latency        decision and update times (50 candidates x 100 features by default)
              --json           print the results as JSON""";

    private OpeCommand() {
    }

    /** Runs the command; returns 0 when done, 1 when it failed, 2 for bad arguments. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (FLAGS.contains(arg)) {
                options.put(arg, "true");
            } else if (OPTIONS.contains(arg) && i + 1 < args.length) {
                options.put(arg, args[++i]);
            } else {
                err.println("grat ope: " + (OPTIONS.contains(arg) ? arg + " needs a value" : "unknown argument '" + arg + "'"));
                err.println(USAGE);
                return 2;
            }
        }
        if (options.containsKey("--help")) {
            out.println(USAGE);
            return 0;
        }
        boolean json = options.containsKey("--json");
        try {
            Object report;
            if (options.containsKey("--simulate")) {
                report = Simulation.run(integer(options, "--offers", 20), integer(options, "--rounds", 20_000),
                        number(options, "--seed", 7), integer(options, "--dimension", 128));
            } else if (options.containsKey("--latency")) {
                report = LatencyMeasurement.run(integer(options, "--candidates", 50), integer(options, "--features", 100),
                        integer(options, "--iterations", 20_000));
            } else if (options.containsKey("--obd")) {
                report = obd(options);
            } else {
                err.println("grat ope: say what to do: --obd DIR, --simulate or --latency");
                err.println(USAGE);
                return 2;
            }
            out.println(json ? toJson(report) : TextReports.format(report));
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("grat ope: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("grat ope: " + e.getMessage());
            return 1;
        }
    }

    private static ObdReport obd(Map<String, String> options) throws IOException {
        String campaign = options.get("--campaign");
        if (campaign == null || !List.of("men", "women", "all").contains(campaign)) {
            throw new IllegalArgumentException("--campaign must be men, women or all, was " + campaign);
        }
        Path root = Path.of(options.get("--obd"));
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("--obd " + root + " is not a directory");
        }
        ObdOptions defaults = ObdOptions.defaults();
        Path prior = options.containsKey("--bts-prior") ? Path.of(options.get("--bts-prior")) : null;
        ObdOptions chosen = new ObdOptions(decimal(options, "--train-share", defaults.trainShare()),
                integer(options, "--bootstrap", defaults.resamples()), defaults.level(), number(options, "--seed", defaults.seed()),
                integer(options, "--dimension", defaults.dimension()), prior, defaults.priorDraws());
        return ObdEvaluation.run(root, campaign, chosen);
    }

    private static int integer(Map<String, String> options, String name, int fallback) {
        String value = options.get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
        }
    }

    private static long number(Map<String, String> options, String name, long fallback) {
        String value = options.get(name);
        try {
            return value == null ? fallback : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
        }
    }

    private static double decimal(Map<String, String> options, String name, double fallback) {
        String value = options.get(name);
        try {
            return value == null ? fallback : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was '" + value + "'");
        }
    }

    static String toJson(Object report) throws JsonProcessingException {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report);
    }
}
