package dev.grat.server.cli;

import dev.grat.Grat;
import dev.grat.server.config.ApiKey;
import dev.grat.server.config.ConfigException;
import dev.grat.server.config.ServerConfig;
import dev.grat.server.demo.DemoShop;
import dev.grat.server.demo.DemoTraffic;
import dev.grat.server.http.GratServer;
import dev.grat.server.log.JsonLog;
import dev.grat.server.web.ShopSite;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code grat demo}: the server with a generated shop (catalog and content variants), 30 days of generated
 * traffic when the data directory has none yet, and live traffic while it runs; and the demo shop's web site on
 * its own origin ({@code --shop-port}, default the next port), which uses Grat from the browser like a real
 * shop would. Keys not set in the environment or config are generated and printed once.
 */
final class DemoCommand {

    static final int DEFAULT_VISITORS = 2000;
    static final long DEFAULT_SEED = 42;
    static final double DEFAULT_EVENTS_PER_SECOND = 5;
    private static final int MAX_PORT = 65535;

    private final Map<String, String> environment;
    private final PrintStream out;

    DemoCommand(Map<String, String> environment, PrintStream out) {
        this.environment = environment;
        this.out = out;
    }

    int run(List<String> args) {
        Arguments arguments = Arguments.parse("demo", args,
                CommandLineConfig.flagsWith("--visitors", "--seed", "--rate", "--shop-port"));
        int visitors = arguments.integer("--visitors", DEFAULT_VISITORS, 0);
        long seed = arguments.longValue("--seed", DEFAULT_SEED);
        double rate = arguments.positiveNumber("--rate", DEFAULT_EVENTS_PER_SECOND);
        ServerConfig loaded = CommandLineConfig.load(arguments, ServerConfig.builder().build(), environment);
        int shopPort = arguments.integer("--shop-port", loaded.port() == 0 ? 0 : loaded.port() + 1, 0);
        if (shopPort > MAX_PORT) {
            throw new UsageException("--shop-port must be at most " + MAX_PORT + ", was " + shopPort);
        }
        // Bound first, so that the shop's origin is known and allowed before Grat starts.
        ShopSite.Binding shopBinding = ShopSite.bind(shopPort);
        DemoConfig demo;
        Grat grat;
        try {
            demo = withDemoDefaults(loaded, shopBinding.origins(), arguments);
            grat = Engines.open(demo.config());
        } catch (RuntimeException e) {
            shopBinding.close();
            throw e;
        }
        ServerConfig config = demo.config();
        JsonLog log = JsonLog.toStandardError(config.logLevel());
        DemoTraffic traffic = null;
        GratServer server = null;
        ShopSite shopSite = null;
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
                if (summary.sampleVisitorId() != null) {
                    out.println("grat: a simulated visitor who consented to personalization: " + summary.sampleVisitorId());
                }
            } else {
                out.println("grat: keeping the traffic already in " + config.dataDir());
            }
            server = GratServer.start(grat, config, log);
            String gratUrl = "http://localhost:" + server.port();
            shopSite = shopBinding.serve(shop.items(), URI.create(gratUrl), demo.publishableKey());
            traffic.startLive(rate);
            out.println("grat: live traffic: about " + rate + " events per second");
            out.println("grat: demo shop on http://localhost:" + shopSite.port() + "/  (dashboard: " + gratUrl
                    + "/dashboard, with the secret key)");
            out.println("grat: listening on " + gratUrl);
            out.flush();
        } catch (RuntimeException e) {
            closeQuietly(traffic);
            closeQuietly(shopSite == null ? shopBinding : shopSite);
            closeQuietly(server);
            grat.close();
            throw e;
        }
        UntilStopped.await(List.of(traffic, shopSite, server, grat));
        return 0;
    }

    /** The config to serve the demo with, and the publishable key's value for the shop's pages. */
    private record DemoConfig(ServerConfig config, String publishableKey) {
    }

    /**
     * Generates the keys that are not set, printing them once, and allows the local origins and the demo
     * shop's origins for the browser.
     */
    private DemoConfig withDemoDefaults(ServerConfig config, List<String> shopOrigins, Arguments arguments) {
        ServerConfig.Builder builder = config.toBuilder();
        SecureRandom random = new SecureRandom();
        List<String> generated = new ArrayList<>();
        if (config.secretKey().isEmpty()) {
            String key = ApiKey.generate("sk_", random);
            builder.secretKey(key);
            generated.add("grat:   secret key       " + key + "   (every endpoint; keep it on the server)");
        }
        String publishableKey;
        if (config.publishableKey().isEmpty()) {
            publishableKey = ApiKey.generate("pk_", random);
            builder.publishableKey(publishableKey);
            generated.add("grat:   publishable key  " + publishableKey
                    + "   (events, consent, decisions; from allowed origins)");
        } else {
            publishableKey = configuredPublishableKey(config.publishableKey().get(), arguments);
        }
        if (!generated.isEmpty()) {
            out.println("grat: generated keys for this run (set GRAT_SECRET_KEY and GRAT_PUBLISHABLE_KEY to keep your own):");
            generated.forEach(out::println);
        }
        List<String> origins = new ArrayList<>(config.allowedOrigins());
        if (origins.isEmpty() && config.port() != 0) {
            origins.addAll(List.of("http://localhost:" + config.port(), "http://127.0.0.1:" + config.port()));
        }
        origins.addAll(shopOrigins);
        builder.allowedOrigins(origins);
        return new DemoConfig(builder.build(), publishableKey);
    }

    /**
     * The value of a publishable key set in the environment or the config file: the config holds only its hash,
     * and the demo shop's pages need the value itself (it is public by design).
     */
    private String configuredPublishableKey(ApiKey key, Arguments arguments) {
        String fromEnvironment = environment.get("GRAT_PUBLISHABLE_KEY");
        if (fromEnvironment != null && key.matches(fromEnvironment.trim())) {
            return fromEnvironment.trim();
        }
        Optional<Path> file = arguments.path(CommandLineConfig.CONFIG_FLAG);
        if (file.isPresent()) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file.get())) {
                properties.load(reader);
            } catch (IOException e) {
                throw new ConfigException(file.get() + ": cannot read it again for the demo shop: " + e.getMessage());
            }
            String fromFile = properties.getProperty("publishable.key");
            if (fromFile != null && key.matches(fromFile.trim())) {
                return fromFile.trim();
            }
        }
        throw new ConfigException("the demo shop cannot find the value of the publishable key; set it with"
                + " GRAT_PUBLISHABLE_KEY or publishable.key in the --config file");
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
