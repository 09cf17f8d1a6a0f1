package dev.grat.eval;

import dev.grat.eval.bandit.OpeCommand;
import dev.grat.eval.privacy.PrivacyTradeoffCommand;
import dev.grat.eval.recommend.EvalCommand;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * Entry point of the offline tools: {@code ./grat eval ...}, {@code ./grat ope ...} and
 * {@code ./grat privacy-tradeoff ...}.
 */
public final class EvalMain {

    private EvalMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one tool and returns its exit code: 0 done, 1 failed, 2 bad arguments. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("usage: grat eval [options] | grat ope [options] | grat privacy-tradeoff [options]"
                    + "   (--help for each)");
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "eval" -> EvalCommand.run(rest, out, err);
            case "ope" -> OpeCommand.run(rest, out, err);
            case "privacy-tradeoff" -> PrivacyTradeoffCommand.run(rest, out, err);
            default -> {
                err.println("grat: unknown offline tool '" + args[0] + "'; use eval, ope or privacy-tradeoff");
                yield 2;
            }
        };
    }
}
