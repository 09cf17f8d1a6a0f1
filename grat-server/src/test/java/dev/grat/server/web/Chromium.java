package dev.grat.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, both at fixed paths so that Selenium never
 * looks for (or downloads) a browser of its own. Records every network request the pages make (from the
 * DevTools performance log), so that tests can check what left the browser.
 */
final class Chromium implements AutoCloseable {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final String INSTALL = "apt-get update && apt-get install -y chromium chromium-driver";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    final ChromeDriver driver;
    private final List<SentRequest> requests = new ArrayList<>();

    /** One request as the browser sent it. */
    record SentRequest(String method, String url, String body) {
    }

    private Chromium(ChromeDriver driver) {
        this.driver = driver;
    }

    /**
     * Starts a browser with a fresh profile in {@code profile} that saves downloads to {@code downloads}.
     *
     * @throws AssertionError naming the Debian packages when Chromium or its driver is not installed
     */
    static Chromium start(Path profile, Path downloads) {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new AssertionError("the browser tests need Debian's Chromium and its driver at " + BROWSER + " and "
                    + DRIVER + ", which are missing; install the packages chromium and chromium-driver: " + INSTALL);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile.toAbsolutePath());
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toAbsolutePath().toString(),
                "download.prompt_for_download", false));
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads.toAbsolutePath().toString()));
        return new Chromium(driver);
    }

    /** Every request sent since the browser started, in order. */
    List<SentRequest> requests() {
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            try {
                JsonNode message = MAPPER.readTree(entry.getMessage()).get("message");
                if ("Network.requestWillBeSent".equals(message.path("method").textValue())) {
                    JsonNode request = message.at("/params/request");
                    requests.add(new SentRequest(request.path("method").textValue(), request.path("url").textValue(),
                            request.path("postData").textValue()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("the performance log holds something that is not JSON", e);
            }
        }
        return List.copyOf(requests);
    }

    /** All cookies of every site, as the browser holds them. */
    @SuppressWarnings("unchecked")
    List<Object> allCookies() {
        Map<String, Object> answer = driver.executeCdpCommand("Network.getAllCookies", Map.of());
        return (List<Object>) answer.get("cookies");
    }

    void screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the screenshot " + file, e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
