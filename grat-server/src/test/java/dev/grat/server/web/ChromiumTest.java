package dev.grat.server.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChromiumTest {

    @TempDir
    Path empty;

    @Test
    void missingBrowserOrDriver_failsNamingTheDebianPackagesToInstall() {
        assertThatThrownBy(() -> Chromium.requireInstalled(empty.resolve("chromium"), empty.resolve("chromedriver")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("missing: " + empty.resolve("chromium") + ", " + empty.resolve("chromedriver"))
                .hasMessageContaining("apt-get install -y chromium chromium-driver");
    }
}
