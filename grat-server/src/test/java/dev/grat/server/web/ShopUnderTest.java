package dev.grat.server.web;

import dev.grat.EngineSettings;
import dev.grat.Grat;
import dev.grat.server.config.ServerConfig;
import dev.grat.server.demo.DemoShop;
import dev.grat.server.demo.DemoTraffic;
import dev.grat.server.http.GratServer;
import dev.grat.server.log.JsonLog;
import dev.grat.store.sqlite.SqliteStore;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The demo shop as {@code grat demo} runs it, in-process: Grat over the embedded store with the generated
 * catalog and a short history of simulated visitors, Grat's server, and the shop's site on its own origin.
 */
final class ShopUnderTest implements AutoCloseable {

    static final String SECRET_KEY = "sk_browser_0123456789abcdefghij";
    static final String PUBLISHABLE_KEY = "pk_browser_0123456789abcdefghij";
    private static final long SEED = 42;

    final Grat grat;
    final DemoShop catalog;
    final DemoTraffic traffic;
    private final GratServer server;
    private final ShopSite site;

    private ShopUnderTest(Path dataDir, int historyVisitors) {
        ShopSite.Binding binding = ShopSite.bind(0);
        grat = Grat.builder()
                .store(SqliteStore.open(dataDir))
                .settings(EngineSettings.defaults().withPopularityRefresh(Duration.ZERO))
                .build();
        catalog = DemoShop.generate(SEED);
        catalog.install(grat);
        traffic = new DemoTraffic(grat, catalog, SEED);
        traffic.generateHistory(historyVisitors);
        ServerConfig config = ServerConfig.builder().port(0).dataDir(dataDir)
                .secretKey(SECRET_KEY).publishableKey(PUBLISHABLE_KEY).allowedOrigins(binding.origins()).build();
        JsonLog quiet = new JsonLog(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                ServerConfig.LogLevel.WARN, Clock.systemUTC());
        server = GratServer.start(grat, config, quiet);
        site = binding.serve(catalog.items(), gratUrl(), PUBLISHABLE_KEY);
    }

    static ShopUnderTest start(Path dataDir, int historyVisitors) {
        return new ShopUnderTest(dataDir, historyVisitors);
    }

    URI gratUrl() {
        return URI.create("http://localhost:" + server.port());
    }

    String shopUrl(String path) {
        return "http://localhost:" + site.port() + path;
    }

    @Override
    public void close() {
        traffic.close();
        site.close();
        server.close();
        grat.close();
    }
}
