package dev.grat.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grat.consent.ConsentEntry;
import dev.grat.consent.ConsentState;
import dev.grat.consent.Purpose;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The privacy levels in a real Chromium: "this visit only" chosen in the banner personalizes the visit while
 * Grat stores nothing of the visitor, the privacy center moves a visitor between that level and a stored
 * profile, and with Global Privacy Control the banner offers no level that needs marketing.
 */
class SessionLevelBrowserTest extends ShopInChromiumTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void thisVisitOnly_personalizesTheVisit_whileGratStoresNothingOfTheVisitor() throws Exception {
        long personalEventsBefore = shop.grat.stats().personalEvents();
        chromium.open(shop.shopUrl("/"));
        chromium.await("the banner's levels", () -> chromium.count("[data-grat-level=visit]") == 1);
        assertThat(chromium.script("return document.activeElement.dataset.gratLevel"))
                .as("the banner takes the keyboard focus, on its first level").isEqualTo("none");
        new Actions(chromium.driver).sendKeys(Keys.TAB).sendKeys(Keys.ENTER).perform();

        String visitorId = awaitVisitorIn("sessionStorage");
        assertThat(chromium.script("return localStorage.length")).as("nothing kept beyond the visit").isEqualTo(0L);
        ConsentState consent = shop.grat.consent(visitorId).current();
        assertThat(consent.allows(Purpose.SESSION)).isTrue();
        assertThat(consent.allows(Purpose.ANALYTICS) || consent.allows(Purpose.PERSONALIZATION)
                || consent.allows(Purpose.MARKETING)).isFalse();
        chromium.await("recommendations at the session level", () -> chromium.count("#picks .grat-item") >= 4
                && "session".equals(chromium.attribute("#picks", "data-grat-privacy-level")));
        List<String> before = recommended();
        String department = browseLeastRecommendedDepartment(before);

        chromium.open(shop.shopUrl("/"));
        chromium.await("personalized recommendations from this visit",
                () -> "true".equals(chromium.attribute("#picks", "data-grat-personalized"))
                && "session".equals(chromium.attribute("#picks", "data-grat-privacy-level"))
                && chromium.count("#picks .grat-item") >= 4);
        List<String> after = recommended();
        assertThat(after).as("home recommendations after browsing " + department).isNotEqualTo(before);
        assertThat(inDepartment(after, department)).as("recommendations from " + department)
                .isGreaterThan(inDepartment(before, department));
        assertThat(chromium.asyncScript("grat.privacy.level().then(a => done(a.dataUsed))"))
                .asInstanceOf(InstanceOfAssertFactories.LIST).contains("session_activity");

        assertThat(shop.grat.stats().personalEvents()).as("events stored with a visitor id")
                .isEqualTo(personalEventsBefore);
        JsonNode export = MAPPER.readTree(secretGet("/v1/privacy/" + visitorId));
        assertThat(export.get("events")).as("the visitor's stored events").isEmpty();
        assertThat(export.get("profile").isNull()).as("a stored profile").isTrue();
    }

    @Test
    void privacyCenter_movesFromThisVisitOnly_toAStoredProfile_andBack() {
        chromium.open(shop.shopUrl("/"));
        chromium.await("the banner's levels", () -> chromium.count("[data-grat-level=visit]") == 1);
        chromium.driver.findElement(By.cssSelector("[data-grat-level=visit]")).click();
        String visitorId = awaitVisitorIn("sessionStorage");

        chromium.open(shop.shopUrl("/privacy"));
        awaitLevelUsed("session");
        assertThat(levelChecked("visit")).isTrue();
        assertThat(chromium.count("[data-grat-pc-session]")).isEqualTo(1);
        assertThat(chromium.attribute("[data-grat-pc-events]", "data-grat-pc-events")).as("events Grat keeps")
                .isEqualTo("0");
        chromium.screenshot(Path.of("target/screenshots/privacy-center-session.png"), 1400);

        saveLevel("shop");
        chromium.await("personalization granted, the session ended", () -> {
            ConsentState now = shop.grat.consent(visitorId).current();
            return now.allows(Purpose.PERSONALIZATION) && !now.allows(Purpose.SESSION);
        });
        awaitLevelUsed("first_party");
        assertThat(levelChecked("shop")).isTrue();
        assertThat(chromium.script("return JSON.parse(localStorage.getItem('grat')).visitorId"))
                .as("a visitor with a stored profile keeps the id beyond the visit").isEqualTo(visitorId);
        assertThat(chromium.script("return sessionStorage.getItem('grat')")).isNull();

        saveLevel("visit");
        chromium.await("back to this visit only", () -> {
            ConsentState now = shop.grat.consent(visitorId).current();
            return now.allows(Purpose.SESSION) && !now.allows(Purpose.PERSONALIZATION)
                    && !now.allows(Purpose.ANALYTICS);
        });
        awaitLevelUsed("session");
        assertThat(levelChecked("visit")).isTrue();
        assertThat(shop.grat.consent(visitorId).history()).extracting(ConsentEntry::source)
                .containsExactly("banner", "privacy-center", "privacy-center");
    }

    @Test
    void globalPrivacyControl_bannerOffersNoLevelThatNeedsMarketing() {
        chromium.beforeEveryPage(
                "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true});");
        chromium.sendHeader("Sec-GPC", "1");
        chromium.open(shop.shopUrl("/"));
        chromium.await("the banner's levels", () -> chromium.count("[data-grat-level]") >= 1);

        assertThat(chromium.driver.findElements(By.cssSelector("[data-grat-level]")))
                .extracting(button -> button.getDomAttribute("data-grat-level"))
                .containsExactly("none", "visit", "shop");
        assertThat(chromium.driver.findElement(By.cssSelector(".grat-banner")).getText())
                .contains("Global Privacy Control");
        assertThat(chromium.attribute("[data-grat-accept]", "data-grat-level")).isEqualTo("shop");
        chromium.driver.findElement(By.cssSelector("[data-grat-accept]")).click();

        String visitorId = awaitVisitorIn("localStorage");
        ConsentState consent = shop.grat.consent(visitorId).current();
        assertThat(consent.allows(Purpose.PERSONALIZATION)).isTrue();
        assertThat(consent.allows(Purpose.MARKETING)).isFalse();
        assertThat(shop.grat.consent(visitorId).history()).singleElement()
                .satisfies(entry -> assertThat(entry.globalPrivacyControl()).isTrue());

        chromium.open(shop.shopUrl("/privacy"));
        awaitLevelUsed("first_party");
        assertThat(levelChecked("shop")).isTrue();
        assertThat(chromium.driver.findElement(By.cssSelector("[data-grat-pc-level=everywhere]")).isEnabled())
                .isFalse();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private String awaitVisitorIn(String storage) {
        chromium.await("the visitor's id and token in " + storage, () -> chromium.script(
                "const s = JSON.parse(" + storage + ".getItem('grat') || '{}'); return !!(s.visitorId && s.visitorToken)")
                .equals(true));
        return (String) chromium.script("return JSON.parse(" + storage + ".getItem('grat')).visitorId");
    }

    private void awaitLevelUsed(String level) {
        chromium.await("the privacy center saying recommendations use " + level,
                () -> level.equals(chromium.attribute("[data-grat-pc-used]", "data-grat-pc-used")));
    }

    private boolean levelChecked(String level) {
        return chromium.driver.findElement(By.cssSelector("[data-grat-pc-level=" + level + "]")).isSelected();
    }

    private void saveLevel(String level) {
        chromium.driver.findElement(By.cssSelector("[data-grat-pc-level=" + level + "]")).click();
        chromium.driver.findElement(By.id("grat-pc-level-save")).click();
        chromium.await("the level saved", () -> "Your privacy level is saved.".equals(
                chromium.script("return document.querySelector('#grat-pc-level .grat-pc-status').textContent")));
    }

    /** Views four products of the department least present among the recommendations; returns the department. */
    private String browseLeastRecommendedDepartment(List<String> recommended) {
        String leaf = leastRecommendedCategory(recommended);
        viewFourProductsOf(leaf);
        return leaf.split("/")[0];
    }

    private List<String> recommended() {
        return recommended("#picks");
    }
}
