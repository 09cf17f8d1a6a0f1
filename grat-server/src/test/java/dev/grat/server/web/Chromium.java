package dev.grat.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
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
    private static final Duration PATIENCE = Duration.ofSeconds(30);

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
        requireInstalled(BROWSER, DRIVER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile.toAbsolutePath());
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toAbsolutePath().toString(),
                "download.prompt_for_download", false));
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.PERFORMANCE, Level.ALL);
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads.toAbsolutePath().toString()));
        return new Chromium(driver);
    }

    /** Fails, naming the Debian packages to install, unless both the browser and its driver are there. */
    static void requireInstalled(Path browser, Path driver) {
        List<String> missing = Stream.of(browser, driver).filter(file -> !Files.isExecutable(file))
                .map(Path::toString).toList();
        if (!missing.isEmpty()) {
            throw new AssertionError("the browser tests need Debian's Chromium and its driver; missing: "
                    + String.join(", ", missing) + ". Install the packages chromium and chromium-driver: " + INSTALL);
        }
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

    /** What the pages wrote to the console (warnings and errors), for failure messages. */
    List<String> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(entry -> entry.getLevel() + " " + entry.getMessage()).toList();
    }

    /** All cookies of every site, as the browser holds them. */
    @SuppressWarnings("unchecked")
    List<Object> allCookies() {
        Map<String, Object> answer = driver.executeCdpCommand("Network.getAllCookies", Map.of());
        return (List<Object>) answer.get("cookies");
    }

    /** The whole page (up to {@code maxHeight} CSS pixels), not only the window, as a PNG. */
    @SuppressWarnings("unchecked")
    void screenshot(Path file, int maxHeight) {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        double width = ((Number) size.get("width")).doubleValue();
        double height = Math.min(maxHeight, ((Number) size.get("height")).doubleValue());
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the screenshot " + file, e);
        }
    }


    /** Runs {@code source} in every page before the page's own scripts (to stand in for a browser feature). */
    void beforeEveryPage(String source) {
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", source));
    }

    /** Sends this header with every request from now on, as a browser setting would. */
    void sendHeader(String name, String value) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of(name, value)));
    }

    // ---- driving pages ---------------------------------------------------------------------------------------

    void open(String url) {
        driver.get(url);
    }

    long count(String selector) {
        return driver.findElements(By.cssSelector(selector)).size();
    }

    /** The attribute of the first element matching the selector, or null. */
    String attribute(String selector, String name) {
        List<WebElement> found = driver.findElements(By.cssSelector(selector));
        return found.isEmpty() ? null : found.getFirst().getDomAttribute(name);
    }

    Object script(String source) {
        return driver.executeScript(source);
    }

    /** Runs {@code body}, which calls {@code done(value)} when it has its answer. */
    Object asyncScript(String body) {
        return driver.executeAsyncScript("const done = arguments[arguments.length - 1]; " + body);
    }

    /** Waits until the snippet's queue is empty: every tracked event got its answer from Grat. */
    void awaitEventsSent() {
        await("the snippet's queue to empty", () -> Long.valueOf(0).equals(script("return window.grat.pending()")));
    }

    /** Polls the condition until it holds; fails naming what was awaited, the page and its console. */
    void await(String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(condition.get())) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            pause(Duration.ofMillis(100));
        }
        throw new AssertionError("gave up waiting for " + what + " on " + driver.getCurrentUrl()
                + (last == null ? "" : " (last error: " + last.getMessage() + ")") + "; browser console: " + console());
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
