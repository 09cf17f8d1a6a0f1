package dev.grat.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grat.catalog.Item;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ShopSiteTest {

    private static final String KEY = "pk_test_0123456789abcdefghijklmn";
    private static final List<Item> CATALOG = List.of(
            new Item("sku-1", "Alpina Trail Runner", "Sports/Running", "Alpina", new BigDecimal("89.99"), true,
                    Map.of("colour", "blue")),
            new Item("sku-2", "Alpina Yoga Mat", "Sports/Yoga", "Alpina", new BigDecimal("25.99"), true, Map.of()),
            new Item("sku-3", "Nordic Duvet Cover", "Home/Bedding", "Nordic", new BigDecimal("59.00"), false,
                    Map.of()));

    private ShopSite shop;
    private ShopSite.Binding binding;

    @BeforeEach
    void start() {
        binding = ShopSite.bind(0);
        shop = binding.serve(CATALOG, URI.create("http://localhost:9999/"), KEY);
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    @Test
    void pages_includeTheSnippetFromGrat_withThePublishableKey_underAStrictPolicy() throws Exception {
        HttpResponse<String> home = get("/");

        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("<script src=\"http://localhost:9999/grat.js\" data-key=\"" + KEY + "\"")
                .doesNotContain("{{");
        assertThat(home.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy)
                .contains("script-src 'self' http://localhost:9999;")
                .contains("connect-src 'self' http://localhost:9999;")
                .doesNotContain("unsafe"));
        assertThat(get("/privacy").body()).contains("data-grat-privacy-center").contains("/web/grat-privacy.js");
    }

    @Test
    void bindingAnnouncesTheOriginsGratMustAllow() {
        assertThat(binding.origins())
                .containsExactly("http://localhost:" + shop.port(), "http://127.0.0.1:" + shop.port());
    }

    @Test
    void productApi_answersByIdsInOrder_andByCategory() throws Exception {
        JsonNode byIds = json(get("/api/products?ids=sku-3,unknown,sku-1"));
        JsonNode sports = json(get("/api/products?category=Sports"));
        JsonNode departments = json(get("/api/departments"));

        assertThat(byIds.get("products")).extracting(p -> p.get("id").textValue()).containsExactly("sku-3", "sku-1");
        assertThat(byIds.at("/products/1/url").textValue()).isEqualTo("/product?id=sku-1");
        assertThat(byIds.at("/products/1/attributes/colour").textValue()).isEqualTo("blue");
        assertThat(sports.get("products")).extracting(p -> p.get("id").textValue()).containsExactly("sku-1", "sku-2");
        assertThat(departments.at("/departments/0/name").textValue()).isEqualTo("Sports");
        assertThat(departments.at("/departments/0/categories")).hasSize(2);
    }

    @Test
    void unknownPathsAndOtherMethods_areRefused() throws Exception {
        assertThat(get("/assets/../pom.xml").statusCode()).isEqualTo(404);
        assertThat(get("/index.html").statusCode()).isEqualTo(404);
        HttpResponse<String> post = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/api/products"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + shop.port() + path);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return new ObjectMapper().readTree(response.body());
    }
}
