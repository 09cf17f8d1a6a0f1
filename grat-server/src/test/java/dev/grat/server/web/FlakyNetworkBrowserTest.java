package dev.grat.server.web;

import dev.grat.EngineSettings;
import dev.grat.Grat;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.server.config.ServerConfig;
import dev.grat.server.demo.DemoShop;
import dev.grat.server.http.GratServer;
import dev.grat.server.log.JsonLog;
import dev.grat.server.web.FlakyProxy.Batch;
import dev.grat.server.web.FlakyProxy.Fault;
import dev.grat.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "No event lost on a flaky connection, none sent twice", in a real Chromium: the demo shop's pages talk to Grat
 * through {@link FlakyProxy}, which loses answers after Grat stored the batch, loses requests before Grat sees
 * them, or refuses connections for a while. Whatever the network does, every event the page tracked is stored
 * exactly once.
 */
class FlakyNetworkBrowserTest {

    private static final long SEED = 42;
    private static final String SECRET_KEY = "sk_flaky_0123456789abcdefghijklm";
    private static final String PUBLISHABLE_KEY = "pk_flaky_0123456789abcdefghijklm";
    /** More than two of the snippet's batches of 20, so that several batches meet the faults. */
    private static final int EVENTS = 45;
    /** Counts the page's failed event requests (network errors), to know the snippet met the outage. */
    private static final String COUNT_FAILED_SENDS = """
            window.failedEventSends = 0;
            const send = window.fetch;
            window.fetch = function (url) {
              const sent = send.apply(this, arguments);
              if (String(url).endsWith('/v1/events')) sent.catch(() => { window.failedEventSends += 1; });
              return sent;
            };""";

    @TempDir
    Path dataDir;
    @TempDir
    Path profile;
    @TempDir
    Path downloads;

    private Chromium chromium;
    private Grat grat;
    private DemoShop catalog;
    private GratServer server;
    private FlakyProxy proxy;
    private ShopSite site;

    @BeforeEach
    void start() {
        chromium = Chromium.start(profile, downloads);
        ShopSite.Binding binding = ShopSite.bind(0);
        grat = Grat.builder().store(SqliteStore.open(dataDir))
                .settings(EngineSettings.defaults().withPopularityRefresh(Duration.ZERO)).build();
        catalog = DemoShop.generate(SEED);
        catalog.install(grat);
        ServerConfig config = ServerConfig.builder().port(0).dataDir(dataDir).secretKey(SECRET_KEY)
                .publishableKey(PUBLISHABLE_KEY).allowedOrigins(binding.origins()).build();
        JsonLog quiet = new JsonLog(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                ServerConfig.LogLevel.WARN, Clock.systemUTC());
        server = GratServer.start(grat, config, quiet);
        proxy = FlakyProxy.start(URI.create("http://127.0.0.1:" + server.port()));
        // The shop's pages load grat.js from the proxy, so the snippet and its CSP know only the proxy's address.
        site = binding.serve(catalog.items(), proxy.url(), PUBLISHABLE_KEY);
    }

    @AfterEach
    void stop() {
        for (AutoCloseable part : new AutoCloseable[] {chromium, site, proxy, server, grat}) {
            if (part != null) {
                try {
                    part.close();
                } catch (Exception e) {
                    System.err.println("closing " + part.getClass().getSimpleName() + ": " + e);
                }
            }
        }
    }

    @Test
    void answersLostAfterGratStoredTheBatch_areRetriedWithTheSameIds_andEveryEventIsStoredOnce() {
        String visitorId = consentOnTheHomePage();
        int before = proxy.batches().size();
        proxy.faults(List.of(Fault.CLOSE_WITHOUT_ANSWER, Fault.NONE, Fault.SERVICE_UNAVAILABLE, Fault.NONE));

        List<String> tracked = track(EVENTS);
        chromium.awaitEventsSent();

        List<Batch> flaky = proxy.batches().subList(before, proxy.batches().size());
        assertThat(flaky).extracting(Batch::fault)
                .contains(Fault.CLOSE_WITHOUT_ANSWER, Fault.SERVICE_UNAVAILABLE, Fault.NONE);
        assertThat(flaky).as("Grat got every batch").allMatch(batch -> batch.gratStatus() / 100 == 2);
        Map<String, Long> timesSent = timesSent(flaky);
        assertThat(timesSent).as("times each event was sent").containsKeys(tracked.toArray(String[]::new));
        assertThat(timesSent.values()).as("some events were sent again after a lost answer").anyMatch(times -> times > 1);
        assertThat(flaky).filteredOn(batch -> batch.fault() != Fault.NONE)
                .allSatisfy(lost -> assertThat(resentLater(flaky, lost)).as("batch %d resent", lost.number())
                        .isTrue());
        assertThat(flaky).as("Grat recognised the resent events").anyMatch(batch -> batch.duplicates() > 0);
        assertStoredOnce(visitorId, timesSent.keySet(), tracked);
    }

    @Test
    void gratUnreachableForAWhile_eventsWaitInTheQueue_andAreAllStoredOnceItIsBack() {
        String visitorId = consentOnTheHomePage();
        chromium.script(COUNT_FAILED_SENDS);
        int before = proxy.batches().size();
        proxy.goDown();

        List<String> tracked = track(EVENTS);
        chromium.await("two failed attempts to send", () -> ((Number) chromium.script(
                "return window.failedEventSends")).intValue() >= 2);
        assertThat(((Number) chromium.script("return grat.pending()")).intValue())
                .as("events waiting while Grat is unreachable").isGreaterThanOrEqualTo(EVENTS);
        proxy.comeBack();
        chromium.awaitEventsSent();

        List<Batch> afterOutage = proxy.batches().subList(before, proxy.batches().size());
        Map<String, Long> timesSent = timesSent(afterOutage);
        assertThat(timesSent).containsKeys(tracked.toArray(String[]::new));
        assertThat(timesSent.values()).as("each event crossed the proxy once").containsOnly(1L);
        assertStoredOnce(visitorId, timesSent.keySet(), tracked);
    }

    @Test
    void eventsUnsentWhenTheVisitorLeavesAPage_areSentFromTheNextPage() {
        String visitorId = consentOnTheHomePage();
        int before = proxy.batches().size();
        proxy.faults(List.of(Fault.NOT_DELIVERED));

        List<String> tracked = track(EVENTS);
        chromium.await("a lost batch", () -> proxy.batches().size() > before);
        chromium.open(shopUrl("/cart"));
        chromium.await("the next page's snippet with the events left over",
                () -> ((Number) chromium.script("return window.grat ? grat.pending() : -1")).intValue() >= EVENTS);
        assertThat(grat.export(visitorId).events()).extracting(Event::id).doesNotContainAnyElementsOf(tracked);
        proxy.faults(List.of(Fault.NONE));
        chromium.awaitEventsSent();

        List<Batch> all = proxy.batches().subList(before, proxy.batches().size());
        Map<String, Long> delivered = timesSent(all.stream().filter(batch -> batch.fault() == Fault.NONE).toList());
        assertThat(delivered).containsKeys(tracked.toArray(String[]::new));
        assertStoredOnce(visitorId, delivered.keySet(), tracked);
    }

    // ---- steps and checks ------------------------------------------------------------------------------------

    /** Opens the home page, accepts everything in the banner and waits until the page's own events are sent. */
    private String consentOnTheHomePage() {
        chromium.open(shopUrl("/"));
        chromium.await("the consent banner", () -> chromium.count("[data-grat-accept]") == 1);
        chromium.driver.findElement(By.cssSelector("[data-grat-accept]")).click();
        chromium.await("the visitor's token in first-party storage", () -> chromium.script(
                "const s = JSON.parse(localStorage.getItem('grat') || '{}'); return !!(s.visitorId && s.visitorToken)")
                .equals(true));
        chromium.awaitEventsSent();
        return (String) chromium.script("return JSON.parse(localStorage.getItem('grat')).visitorId");
    }

    /** Tracks {@code count} product views of distinct catalog items at once; returns the ids the snippet gave them. */
    private List<String> track(int count) {
        List<String> items = catalog.items().stream().limit(count).map(item -> item.id()).toList();
        assertThat(items).hasSize(count);
        Object ids = chromium.driver.executeScript(
                "return arguments[0].map(item => grat.track('product_view', {itemId: item}))", items);
        List<String> tracked = ((Collection<?>) ids).stream().map(String.class::cast).toList();
        assertThat(tracked).hasSize(count).doesNotContainNull().doesNotHaveDuplicates();
        return tracked;
    }

    private static Map<String, Long> timesSent(List<Batch> batches) {
        return batches.stream().flatMap(batch -> batch.eventIds().stream())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** Whether every event of a batch whose answer was lost reached Grat again later with its answer. */
    private static boolean resentLater(List<Batch> batches, Batch lost) {
        Set<String> answeredLater = batches.stream()
                .filter(batch -> batch.number() > lost.number() && batch.fault() == Fault.NONE)
                .flatMap(batch -> batch.eventIds().stream()).collect(Collectors.toSet());
        return answeredLater.containsAll(lost.eventIds());
    }

    /**
     * The store holds each event once: no id twice, every event that reached Grat for the visitor, every tracked
     * one, and no copy of a tracked event under another id.
     */
    private void assertStoredOnce(String visitorId, Set<String> sent, List<String> tracked) {
        List<Event> events = grat.export(visitorId).events();
        List<String> stored = events.stream().map(Event::id).toList();
        assertThat(stored).as("event ids in the store").doesNotHaveDuplicates()
                .containsAll(sent).containsAll(tracked);
        // Each tracked event viewed its own item: a copy under another id would show as a second view of it.
        Set<String> viewedItems = events.stream().filter(event -> tracked.contains(event.id()))
                .map(Event::itemId).collect(Collectors.toSet());
        assertThat(events).as("stored views of the tracked items")
                .filteredOn(event -> event.type() == EventType.PRODUCT_VIEW && viewedItems.contains(event.itemId()))
                .hasSize(tracked.size());
    }

    private String shopUrl(String path) {
        return "http://localhost:" + site.port() + path;
    }
}
