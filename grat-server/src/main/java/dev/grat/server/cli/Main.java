package dev.grat.server.cli;

import dev.grat.GratException;
import dev.grat.server.config.ConfigException;
import dev.grat.server.config.Setting;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The {@code grat} command line: {@code serve}, {@code demo}, {@code import}, {@code experiments}, {@code consent}
 * and {@code help}.
 * Exit codes: 0 done, 1 failed while running, 2 the command line or configuration is wrong.
 */
public final class Main {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    Main(Map<String, String> environment, PrintStream out, PrintStream err) {
        this.environment = Map.copyOf(environment);
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new Main(System.getenv(), System.out, System.err).run(args));
    }

    /** Runs one command; {@code serve} and {@code demo} return only when the process is asked to stop. */
    int run(String... args) {
        List<String> rest = args.length == 0 ? List.of() : Arrays.asList(args).subList(1, args.length);
        String command = args.length == 0 ? "help" : args[0];
        try {
            return switch (command) {
                case "serve" -> new ServeCommand(environment, out).run(rest);
                case "demo" -> new DemoCommand(environment, out).run(rest);
                case "import" -> new ImportCommand(environment, out, err).run(rest);
                case "experiments" -> new ExperimentsCommand(environment, out).run(rest);
                case "consent" -> new ConsentCommand(environment, out).run(rest);
                case "help", "--help", "-h" -> {
                    out.print(help());
                    yield OK;
                }
                default -> throw new UsageException("unknown command \"" + command
                        + "\"; commands: serve, demo, import, experiments, consent, help");
            };
        } catch (UsageException | ConfigException e) {
            err.println("grat: " + e.getMessage());
            err.println("grat: run ./grat help for the commands, flags and settings");
            return USAGE;
        } catch (GratException e) {
            err.println("grat: " + e.getMessage());
            return FAILED;
        } catch (RuntimeException e) {
            err.println("grat: " + command + " failed: " + (e.getMessage() == null ? e.getClass().getName() : e.getMessage()));
            return FAILED;
        }
    }

    static String help() {
        StringBuilder text = new StringBuilder("""
                Grat: privacy-first, real-time personalization for online shops.

                Usage:
                  ./grat serve  [--port P] [--data DIR] [--store URL] [--config FILE] [setting flags]
                        Serve the HTTP API on the data directory, or on the PostgreSQL database of
                        --store jdbc:postgresql://HOST:PORT/DB. Needs a secret key (GRAT_SECRET_KEY).
                  ./grat demo   [--port P] [--shop-port S] [--data DIR] [--visitors N] [--seed S] [--rate R] [setting flags]
                        Serve a generated demo shop: its catalog, content variants, 30 days of traffic of N
                        visitors (default 2000; only when the data directory holds no events yet), and live
                        traffic of R events per second (default 5). The shop is generated from seed S (default
                        42). Keys that are not set are generated and printed.
                  ./grat import [--data DIR] [--config FILE] [--catalog FILE] [--events FILE]
                        Load a catalog (.jsonl or .csv) and/or events (.jsonl) into the data directory.
                  ./grat experiments results [--data DIR] --id ID [--json]
                        An experiment's results per group with intervals, the comparison with the control and
                        the sample-ratio check (as GET /v1/experiments/{id}/results; --json prints that JSON).
                  ./grat consent verify [--data DIR | --store URL] [--json]
                        Recompute the consent ledger's hash chain and report the first broken entry (changed,
                        deleted, reordered); exit code 1 when broken. Prints the head hash to keep elsewhere.
                  ./grat help   Show this text.

                Settings: a properties file (--config FILE), overridden by environment variables, overridden by
                flags. Keys have no flag: a command line is visible to every user of the machine.
                """);
        text.append('\n');
        for (Setting setting : Setting.values()) {
            text.append(String.format("  %-17s %-22s %-19s default %s%n      %s%n", setting.property(),
                    setting.environmentVariable(), setting.flag().orElse("(no flag)"), setting.defaultValue(),
                    setting.description()));
        }
        text.append("\nThe HTTP API is described in docs/API.md.\n");
        return text.toString();
    }
}
