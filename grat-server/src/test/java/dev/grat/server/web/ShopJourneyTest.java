package dev.grat.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grat.consent.Purpose;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One visitor's whole journey through the demo shop in a real browser (Debian's headless Chromium): the first
 * visit leaves nothing on the device and sends nothing identifying; then consent, browsing that changes the
 * recommendations, a purchase the dashboard counts, and the privacy center's view, download, consent change and
 * erasure, after which the data is gone from the store. Screenshots go to {@code target/screenshots} (or to the
 * folder in the system property {@code grat.screenshots}, which also runs live traffic for the dashboard's chart).
 */
class ShopJourneyTest extends ShopInChromiumTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int VIEWPORT = 1000;
    private static final int FULL_PAGE = 2600;

    private final Path screenshots = Path.of(System.getProperty("grat.screenshots", "target/screenshots"));
    private final boolean forDocs = System.getProperty("grat.screenshots") != null;

    @Test
    void visitorIsNotTrackedBeforeConsent_thenBrowsesBuysAndErasesEverything() throws Exception {
        firstVisit_leavesNothingOnTheDevice_andSendsNothingIdentifying();
        String visitorId = consent();
        String department = browsing_changesTheRecommendations(visitorId);
        purchase_isStored_andCountedOnTheDashboard(visitorId);
        privacyCenter_showsDownloadsChangesAndErases(visitorId, department);
    }

    private void firstVisit_leavesNothingOnTheDevice_andSendsNothingIdentifying() {
        long personalEventsBefore = shop.grat.stats().personalEvents();
        int visitorsBefore = shop.grat.stats().consentingVisitors();
        chromium.open(shop.shopUrl("/"));
        chromium.await("the home page shows recommendations and the consent banner",
                () -> chromium.count("#picks .grat-item") >= 4 && chromium.count(".grat-banner") == 1);
        chromium.screenshot(screenshots.resolve("shop-consent-banner.png"), VIEWPORT);

        chromium.driver.findElement(By.cssSelector("#picks .grat-item a")).click();
        chromium.await("the product page shows what is viewed together",
                () -> chromium.count("#viewed-together .grat-item") >= 1);
        chromium.awaitEventsSent();

        assertThat(chromium.allCookies()).as("cookies of any site").isEmpty();
        assertThat(chromium.script("return [localStorage.length, sessionStorage.length]")).isEqualTo(List.of(0L, 0L));
        assertThat(chromium.asyncScript("indexedDB.databases().then(list => done(list.length))")).isEqualTo(0L);
        List<Chromium.SentRequest> toGrat = requestsToGrat();
        assertThat(toGrat).as("requests to Grat").extracting(Chromium.SentRequest::url)
                .noneMatch(url -> url.contains("visitorId=") || url.contains("/v1/me/")
                        || url.contains("/v1/consent/"));
        List<JsonNode> events = sentEvents(toGrat);
        assertThat(events).extracting(event -> event.get("type").textValue())
                .contains("product_view", "recommendation_impression", "recommendation_click");
        List<String> ids = events.stream().map(event -> event.get("visitorId").textValue()).toList();
        assertThat(ids).allMatch(id -> id.startsWith("anon-")).doesNotHaveDuplicates();
        assertThat(events).noneMatch(event -> event.has("customerId") || event.has("query"));
        assertThat(shop.grat.stats().personalEvents()).isEqualTo(personalEventsBefore);
        assertThat(shop.grat.stats().consentingVisitors()).isEqualTo(visitorsBefore);
    }

    private String consent() {
        chromium.open(shop.shopUrl("/"));
        chromium.await("the consent banner", () -> chromium.count("[data-grat-accept]") == 1);
        chromium.driver.findElement(By.cssSelector("[data-grat-accept]")).click();
        chromium.await("the visitor's token in first-party storage", () -> chromium.script(
                "const s = JSON.parse(localStorage.getItem('grat') || '{}'); return !!(s.visitorId && s.visitorToken)")
                .equals(true));
        String visitorId = (String) chromium.script("return JSON.parse(localStorage.getItem('grat')).visitorId");
        assertThat(visitorId).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(shop.grat.consent(visitorId).current().allows(Purpose.PERSONALIZATION)).isTrue();
        assertThat(sentEvents(requestsToGrat())).extracting(event -> event.get("visitorId").textValue())
                .doesNotContain(visitorId);
        assertThat(chromium.allCookies()).as("cookies after consent: Grat uses none").isEmpty();
        return visitorId;
    }

    /** Views products of one department the home page did not recommend; the home page then leans to it. */
    private String browsing_changesTheRecommendations(String visitorId) {
        chromium.open(shop.shopUrl("/"));
        chromium.await("recommendations after consent", () -> chromium.count("#picks .grat-item") >= 4);
        List<String> before = recommended("#picks");
        String leaf = leastRecommendedCategory(before);
        String department = leaf.split("/")[0];

        List<String> products = viewFourProductsOf(leaf);
        String lastProduct = chromium.driver.getCurrentUrl();
        chromium.driver.findElement(By.cssSelector("#viewed-together .grat-item a")).click();
        chromium.await("the product recommended as viewed together",
                () -> !chromium.driver.getCurrentUrl().equals(lastProduct)
                && chromium.count("#add-to-cart") == 1 && chromium.count("#viewed-together .grat-item") >= 1);
        chromium.driver.findElement(By.id("add-to-cart")).click();
        chromium.awaitEventsSent();
        assertThat(shop.grat.export(visitorId).events()).extracting(Event::type)
                .contains(EventType.PRODUCT_VIEW, EventType.CATEGORY_VIEW, EventType.RECOMMENDATION_CLICK,
                        EventType.ADD_TO_CART);

        chromium.open(shop.shopUrl("/"));
        chromium.await("personalized recommendations",
                () -> "true".equals(chromium.attribute("#picks", "data-grat-personalized"))
                && chromium.count("#picks .grat-item") >= 4);
        List<String> after = recommended("#picks");
        assertThat(after).as("home recommendations after browsing " + leaf).isNotEqualTo(before);
        assertThat(inDepartment(after, department)).as("recommendations from " + department)
                .isGreaterThan(inDepartment(before, department));
        chromium.await("the menu in the visitor's order", () -> department.equals(
                chromium.driver.findElement(By.cssSelector(".departments a")).getText()));
        new Actions(chromium.driver).moveToElement(chromium.driver.findElement(By.cssSelector("#picks .grat-item a")))
                .perform();
        chromium.await("the reason on hover",
                () -> chromium.driver.findElement(By.cssSelector("#picks .grat-reason")).isDisplayed());
        chromium.screenshot(screenshots.resolve("shop-home-personalized.png"), VIEWPORT);
        chromium.open(shop.shopUrl(products.getFirst()));
        chromium.await("product page",
                () -> chromium.count("#viewed-together .grat-item") >= 1 && chromium.count(".description") == 1
                && !chromium.driver.findElement(By.cssSelector(".description")).getText().isBlank());
        chromium.screenshot(screenshots.resolve("shop-product.png"), VIEWPORT);
        return department;
    }

    private void purchase_isStored_andCountedOnTheDashboard(String visitorId) {
        long purchasesBefore = shop.grat.dashboard().engagement().purchases();
        chromium.open(shop.shopUrl("/cart"));
        chromium.await("the cart", () -> chromium.count("#to-checkout") == 1);
        chromium.driver.findElement(By.id("to-checkout")).click();
        chromium.await("the checkout form", () -> chromium.count("#checkout-form") == 1);
        chromium.driver.findElement(By.name("name")).sendKeys("Ada Lovelace");
        chromium.driver.findElement(By.name("address")).sendKeys("12 Analytical Street");
        chromium.driver.findElement(By.id("place-order")).click();
        chromium.await("the order confirmation", () -> chromium.count("#order-confirmation") == 1);
        chromium.awaitEventsSent();
        assertThat(shop.grat.export(visitorId).events()).filteredOn(event -> event.type() == EventType.PURCHASE)
                .singleElement().satisfies(event -> {
                    assertThat(event.currency()).isEqualTo("EUR");
                    assertThat(event.properties()).as("the slot the product was clicked in")
                            .containsEntry("slot", "product");
                });
        assertThat(requestsToGrat()).extracting(Chromium.SentRequest::body)
                .noneMatch(body -> body != null && (body.contains("Lovelace") || body.contains("Analytical")));

        chromium.open(shop.gratUrl() + "/dashboard");
        chromium.driver.findElement(By.id("key")).sendKeys(ShopUnderTest.SECRET_KEY);
        chromium.driver.findElement(By.cssSelector("#key-form button")).click();
        chromium.await("the dashboard counts the purchase", () -> Long.toString(purchasesBefore + 1)
                .equals(chromium.driver.findElement(By.cssSelector("[data-kpi=purchases]")).getText()
                        .replace(",", "")));
        assertThat(chromium.script("return localStorage.length + sessionStorage.length + document.cookie.length"))
                .as("the dashboard keeps the key in memory only").isEqualTo(0L);
        if (forDocs) {
            shop.traffic.startLive(25);
        }
        chromium.await("the events chart",
                () -> chromium.count("#rate-chart path") >= 1 && chromium.count("#slots tbody tr") >= 1);
        if (forDocs) {
            Chromium.pause(Duration.ofSeconds(20));
        }
        chromium.screenshot(screenshots.resolve("dashboard.png"), FULL_PAGE);
        shop.traffic.close();
    }

    private void privacyCenter_showsDownloadsChangesAndErases(String visitorId, String department) throws Exception {
        int stored = shop.grat.export(visitorId).events().size();
        chromium.open(shop.shopUrl("/privacy"));
        chromium.await("the privacy center with the visitor's data",
                () -> chromium.count("[data-grat-pc-events]") == 1);
        assertThat(chromium.attribute("[data-grat-pc-events]", "data-grat-pc-events"))
                .isEqualTo(Integer.toString(stored));
        assertThat(chromium.driver.findElement(By.id("grat-pc-knows")).getText())
                .contains(department).contains(visitorId);
        chromium.screenshot(screenshots.resolve("privacy-center.png"), FULL_PAGE);

        chromium.driver.findElement(By.id("grat-pc-download")).click();
        Path file = awaitDownload();
        JsonNode downloaded = MAPPER.readTree(Files.readString(file));
        assertThat(downloaded.get("visitorId").textValue()).isEqualTo(visitorId);
        assertThat(downloaded.get("events")).hasSize(stored);

        WebElement marketing = chromium.driver.findElement(By.cssSelector("[data-grat-pc-purpose=marketing]"));
        assertThat(marketing.isSelected()).isTrue();
        marketing.click();
        chromium.driver.findElement(By.id("grat-pc-save")).click();
        chromium.await("marketing withdrawn", () -> !shop.grat.consent(visitorId).current().allows(Purpose.MARKETING));
        assertThat(shop.grat.consent(visitorId).current().allows(Purpose.PERSONALIZATION)).isTrue();
        assertThat(shop.grat.consent(visitorId).history()).last()
                .satisfies(entry -> assertThat(entry.source()).isEqualTo("privacy-center"));

        chromium.await("the privacy center shown again after saving", () -> "Your choices are saved.".equals(
                chromium.script("return document.querySelector('#grat-pc-choices .grat-pc-status').textContent")));
        chromium.driver.findElement(By.id("grat-pc-erase")).click();
        chromium.driver.findElement(By.id("grat-pc-erase-confirm")).click();
        chromium.await("the erasure receipt", () -> chromium.count("[data-grat-pc-erased]") == 1);

        assertThat(chromium.script("return localStorage.getItem('grat')")).isNull();
        assertThat(shop.grat.export(visitorId).events()).isEmpty();
        assertThat(shop.grat.consent(visitorId).history()).isEmpty();
        JsonNode export = MAPPER.readTree(secretGet("/v1/privacy/" + visitorId));
        assertThat(export.get("events")).isEmpty();
        assertThat(export.get("profile").isNull()).isTrue();
        assertThat(filesHolding(visitorId)).as("files in the data directory holding the visitor id").isEmpty();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private List<Chromium.SentRequest> requestsToGrat() {
        String grat = shop.gratUrl().toString();
        return chromium.requests().stream().filter(request -> request.url().startsWith(grat)).toList();
    }

    private static List<JsonNode> sentEvents(List<Chromium.SentRequest> requests) {
        List<JsonNode> events = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Chromium.SentRequest request : requests) {
            if ("POST".equals(request.method()) && request.url().endsWith("/v1/events") && request.body() != null) {
                try {
                    // A batch may go out twice (keepalive when the page is left); each event counts once.
                    MAPPER.readTree(request.body()).get("events").forEach(event -> {
                        if (seen.add(event.get("id").textValue())) {
                            events.add(event);
                        }
                    });
                } catch (IOException e) {
                    throw new AssertionError("the snippet sent a body that is not JSON: " + request.body(), e);
                }
            }
        }
        return events;
    }

    private Path awaitDownload() throws IOException {
        chromium.await("the downloaded JSON file", () -> {
            try (Stream<Path> files = Files.list(downloads)) {
                return files.anyMatch(file -> file.getFileName().toString().matches("grat-data-.*\\.json"));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try (Stream<Path> files = Files.list(downloads)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json")).findFirst().orElseThrow();
        }
    }

    private List<Path> filesHolding(String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        List<Path> holding = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (contains(Files.readAllBytes(file), needle)) {
                    holding.add(file.getFileName());
                }
            }
        }
        return holding;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
