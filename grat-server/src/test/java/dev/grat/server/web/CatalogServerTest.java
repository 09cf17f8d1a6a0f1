package dev.grat.server.web;

import dev.grat.server.http.RunningServer;
import dev.grat.server.http.WireJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static dev.grat.server.http.RunningServer.json;
import static dev.grat.server.web.Browser.firstConsent;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real server with the small test catalog, and the shop's page as a {@link Browser}, for every test of a
 * subclass: the operator calls {@code server}, the visitor's page calls {@code browser}.
 */
abstract class CatalogServerTest {

    @TempDir
    Path dataDir;

    RunningServer server;
    Browser browser;

    @BeforeEach
    void startServerWithCatalog() {
        server = RunningServer.start(dataDir, RunningServer.defaults().dataDir(dataDir).build());
        server.putJson("/v1/items", WireJson.catalog());
        browser = new Browser(server);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** The visitor token that the visitor's first consent from the shop's page (marketing refused) is answered with. */
    String tokenOf(String visitorId) {
        HttpResponse<String> answer = browser.post("/v1/me/consent", firstConsent(visitorId, false));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json(answer).get("visitorToken").textValue();
    }

    /**
     * A request as the shop's page sends it (the publishable key from the shop's Origin), for what {@link Browser}
     * does not send: other methods, other headers.
     */
    HttpRequest.Builder fromShop(String path) {
        return server.anonymousRequest(path)
                .header("Authorization", "Bearer " + RunningServer.PUBLISHABLE_KEY)
                .header("Origin", RunningServer.SHOP_ORIGIN);
    }
}
