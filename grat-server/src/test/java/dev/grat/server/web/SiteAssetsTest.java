package dev.grat.server.web;

import dev.grat.server.http.RunningServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class SiteAssetsTest {

    /** The snippet's budget, gzipped; docs/BROWSER.md states its size. */
    private static final int SNIPPET_BUDGET_BYTES = 8 * 1024;

    @TempDir
    Path dataDir;

    private RunningServer server;

    @BeforeEach
    void start() {
        server = RunningServer.start(dataDir, RunningServer.defaults().dataDir(dataDir).build());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void snippet_isServedWithoutKey_asJavaScriptAnyShopMayEmbed() {
        HttpResponse<String> snippet = get("/grat.js");

        assertThat(snippet.statusCode()).isEqualTo(200);
        assertThat(snippet.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(snippet.headers().firstValue("Cross-Origin-Resource-Policy")).hasValue("cross-origin");
        assertThat(snippet.body()).contains("/v1/me/consent").doesNotContain("document.cookie");
        assertThat(get("/web/grat-privacy.js").statusCode()).isEqualTo(200);
        assertThat(get("/web/grat.css").statusCode()).isEqualTo(200);
    }

    @Test
    void snippet_staysWithinItsGzippedBudget() throws IOException {
        byte[] snippet = get("/grat.js").body().getBytes(StandardCharsets.UTF_8);

        assertThat(gzipped(snippet)).isLessThan(SNIPPET_BUDGET_BYTES);
    }

    @Test
    void dashboardPage_allowsOnlyItsOwnScriptsAndApi() {
        HttpResponse<String> page = get("/dashboard");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Secret key").contains("/web/dashboard.js");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy)
                .contains("default-src 'none'").contains("script-src 'self'").contains("connect-src 'self'")
                .doesNotContain("unsafe-inline"));
    }

    @Test
    void onlyTheNamedFilesAreServed() {
        assertThat(get("/web/dashboard.js").statusCode()).isEqualTo(200);
        assertThat(get("/web/shop.js").statusCode()).isEqualTo(404);
        assertThat(get("/web/..%2Fdashboard.js").statusCode()).isEqualTo(404);
        assertThat(get("/web/signing.key").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(String path) {
        return server.send(server.anonymousRequest(path).GET().build());
    }

    static int gzipped(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.size();
    }
}
