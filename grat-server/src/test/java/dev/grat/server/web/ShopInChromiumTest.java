package dev.grat.server.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

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
}
