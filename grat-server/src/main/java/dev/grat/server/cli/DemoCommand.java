package dev.grat.server.cli;

import dev.grat.Grat;
import dev.grat.server.config.ApiKey;
import dev.grat.server.config.ServerConfig;
import dev.grat.server.demo.DemoShop;
import dev.grat.server.demo.DemoTraffic;
import dev.grat.server.http.GratServer;
import dev.grat.server.log.JsonLog;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code grat demo}: the server with a generated shop (catalog and content variants), 30 days of generated
 * traffic when the data directory has none yet, and live traffic while it runs. Keys not set in the environment
 * or config are generated and printed once.
 */
final class DemoCommand {

    static final int DEFAULT_VISITORS = 2000;
    static final long DEFAULT_SEED = 42;
    static final double DEFAULT_EVENTS_PER_SECOND = 5;

    private final Map<String, String> environment;
    private final PrintStream out;

    DemoCommand(Map<String, String> environment, PrintStream out) {
        this.environment = environment;
        this.out = out;
    }

    int run(List<String> args) {
        Arguments arguments = Arguments.parse("demo", args,
                CommandLineConfig.flagsWith("--visitors", "--seed", "--rate"));
        int visitors = arguments.integer("--visitors", DEFAULT_VISITORS, 0);
        long seed = arguments.longValue("--seed", DEFAULT_SEED);
        double rate = arguments.positiveNumber("--rate", DEFAULT_EVENTS_PER_SECOND);
        ServerConfig loaded = CommandLineConfig.load(arguments, ServerConfig.builder().build(), environment);
        ServerConfig config = withDemoDefaults(loaded);
        JsonLog log = JsonLog.toStandardError(config.logLevel());

        Grat grat = Engines.open(config);
        DemoTraffic traffic = null;
        GratServer server = null;
        try {
            DemoShop shop = DemoShop.generate(seed);
            shop.install(grat);
            out.println("grat: demo shop installed: " + shop.items().size() + " products in "
                    + shop.departments().size() + " departments (seed " + seed + ")");
            traffic = new DemoTraffic(grat, shop, seed);
            if (grat.stats().personalEvents() == 0) {
                out.println("grat: generating 30 days of traffic of " + visitors + " visitors...");
                out.flush();
                DemoTraffic.Summary summary = traffic.generateHistory(visitors);
                out.println("grat: history: " + summary.events() + " events of " + summary.visitors() + " visitors ("
                        + summary.consenting() + " consenting, " + summary.purchases() + " purchases)");
            } else {
                out.println("grat: keeping the traffic already in " + config.dataDir());
            }
            server = GratServer.start(grat, config, log);
            traffic.startLive(rate);
            out.println("grat: live traffic: about " + rate + " events per second");
            out.println("grat: listening on http://localhost:" + server.port());
            out.flush();
        } catch (RuntimeException e) {
            closeQuietly(traffic);
            closeQuietly(server);
            grat.close();
            throw e;
        }
        UntilStopped.await(List.of(traffic, server, grat));
        return 0;
    }

    /** Generates the keys that are not set, printing them once, and allows the local origins for the browser. */
    private ServerConfig withDemoDefaults(ServerConfig config) {
        ServerConfig.Builder builder = config.toBuilder();
        SecureRandom random = new SecureRandom();
        List<String> generated = new ArrayList<>();
        if (config.secretKey().isEmpty()) {
            String key = ApiKey.generate("sk_", random);
            builder.secretKey(key);
            generated.add("grat:   secret key       " + key + "   (every endpoint; keep it on the server)");
        }
        if (config.publishableKey().isEmpty()) {
            String key = ApiKey.generate("pk_", random);
            builder.publishableKey(key);
            generated.add("grat:   publishable key  " + key + "   (events, consent, decisions; from allowed origins)");
        }
        if (!generated.isEmpty()) {
            out.println("grat: generated keys for this run (set GRAT_SECRET_KEY and GRAT_PUBLISHABLE_KEY to keep your own):");
            generated.forEach(out::println);
        }
        if (config.allowedOrigins().isEmpty() && config.port() != 0) {
            builder.allowedOrigins(List.of("http://localhost:" + config.port(), "http://127.0.0.1:" + config.port()));
        }
        return builder.build();
    }

    private static void closeQuietly(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            System.err.println("grat: error while stopping: " + e.getClass().getName());
        }
    }
}
