package dev.grat.server.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo shop on a real Grat server, and a headless Chromium of its own, for every test of a subclass. */
abstract class ShopInChromiumTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path profile;
    @TempDir
    Path downloads;

    ShopUnderTest shop;
    Chromium chromium;

    /** How many visitors' purchase history the shop starts with (their co-occurrence drives recommendations). */
    int historyVisitors() {
        return 120;
    }

    @BeforeEach
    void startShopAndBrowser() {
        chromium = Chromium.start(profile, downloads);
        shop = ShopUnderTest.start(dataDir, historyVisitors());
    }

    @AfterEach
    void stopShopAndBrowser() {
        if (chromium != null) {
            chromium.close();
        }
        if (shop != null) {
            shop.close();
        }
    }

    /** The item ids of a row of recommendations on the page, e.g. {@code #picks}. */
    List<String> recommended(String row) {
        return chromium.driver.findElements(By.cssSelector(row + " a[data-grat-item-id]")).stream()
                .map(link -> link.getDomAttribute("data-grat-item-id")).toList();
    }

    /** How many of the items are in the department (the first level of their category). */
    long inDepartment(Collection<String> itemIds, String department) {
        return itemIds.stream().map(shop.grat::item).flatMap(Optional::stream)
                .filter(item -> item.category().startsWith(department + "/")).count();
    }

    /** A leaf category of the department least present among the recommendations (none, usually). */
    String leastRecommendedCategory(List<String> recommended) {
        Map<String, Long> byDepartment = recommended.stream().map(shop.grat::item).flatMap(Optional::stream)
                .collect(Collectors.groupingBy(item -> item.category().split("/")[0], Collectors.counting()));
        return shop.catalog.categories().stream()
                .min((a, b) -> Long.compare(byDepartment.getOrDefault(a.split("/")[0], 0L),
                        byDepartment.getOrDefault(b.split("/")[0], 0L)))
                .orElseThrow();
    }

    /** Opens the category page and four of its products, each until its events are sent; returns their paths. */
    List<String> viewFourProductsOf(String leaf) {
        chromium.open(shop.shopUrl("/category?c=" + leaf.replace("/", "%2F")));
        chromium.await("the category's products", () -> chromium.count("#products .card") >= 4);
        List<String> products = chromium.driver.findElements(By.cssSelector("#products .card a")).stream()
                .map(link -> link.getDomAttribute("href")).limit(4).toList();
        for (String product : products) {
            chromium.open(shop.shopUrl(product));
            chromium.await("product page " + product, () -> chromium.count("#viewed-together .grat-item") >= 1);
            chromium.awaitEventsSent();
        }
        return products;
    }

    /** GET on Grat with the secret key; the answer must be 200. */
    String secretGet(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(shop.gratUrl() + path))
                        .header("Authorization", "Bearer " + ShopUnderTest.SECRET_KEY).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
