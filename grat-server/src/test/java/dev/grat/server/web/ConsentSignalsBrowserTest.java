package dev.grat.server.web;

import dev.grat.consent.ConsentEntry;
import dev.grat.consent.ConsentState;
import dev.grat.consent.Purpose;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consent signals a page or browser may already carry, in a real Chromium: Global Privacy Control (which
 * Chromium has no switch for, so the test sets {@code navigator.globalPrivacyControl} and {@code Sec-GPC: 1} as
 * a browser with GPC on does) and an IAB TCF consent platform on the page (a stub {@code __tcfapi}).
 */
class ConsentSignalsBrowserTest extends ShopInChromiumTest {

    @Override
    int historyVisitors() {
        return 20;
    }

    @Test
    void globalPrivacyControl_keepsMarketingOff_inTheBannerAndInTheLedger() {
        chromium.beforeEveryPage(
                "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true});");
        chromium.sendHeader("Sec-GPC", "1");
        chromium.open(shop.shopUrl("/"));
        chromium.await("the consent banner", () -> chromium.count("[data-grat-choose]") == 1);
        assertThat(chromium.driver.findElement(By.cssSelector(".grat-banner")).getText())
                .contains("Global Privacy Control");

        chromium.driver.findElement(By.cssSelector("[data-grat-choose]")).click();
        assertThat(chromium.driver.findElement(By.cssSelector(".grat-purposes input[name=marketing]")).isEnabled())
                .isFalse();
        chromium.driver.findElement(By.cssSelector("[data-grat-accept]")).click();

        String visitorId = awaitVisitorId();
        ConsentState consent = shop.grat.consent(visitorId).current();
        assertThat(consent.allows(Purpose.PERSONALIZATION)).isTrue();
        assertThat(consent.allows(Purpose.MARKETING)).isFalse();
        assertThat(shop.grat.consent(visitorId).history()).singleElement()
                .satisfies(entry -> assertThat(entry.globalPrivacyControl()).isTrue());
    }

    @Test
    void pageWithATcfConsentPlatform_showsNoBanner_andGratFollowsThePlatform() {
        chromium.beforeEveryPage("""
                window.__tcfapi = function (command, version, callback) {
                  if (command !== 'addEventListener') return;
                  setTimeout(function () {
                    callback({eventStatus: 'tcloaded', tcfPolicyVersion: 4,
                              purpose: {consents: {1: true, 5: true, 6: true, 8: true}}}, true);
                  }, 50);
                };""");
        chromium.open(shop.shopUrl("/"));

        String visitorId = awaitVisitorId();
        chromium.await("the recommendations", () -> chromium.count("#picks .grat-item") >= 4);
        assertThat(chromium.count(".grat-banner")).isZero();
        ConsentState consent = shop.grat.consent(visitorId).current();
        assertThat(consent.allows(Purpose.ANALYTICS)).isTrue();
        assertThat(consent.allows(Purpose.PERSONALIZATION)).isTrue();
        assertThat(consent.allows(Purpose.MARKETING)).isFalse();
        assertThat(shop.grat.consent(visitorId).history()).extracting(ConsentEntry::source).containsExactly("cmp");
    }

    private String awaitVisitorId() {
        chromium.await("the visitor's token in first-party storage", () -> chromium.script(
                "const s = JSON.parse(localStorage.getItem('grat') || '{}'); return !!(s.visitorId && s.visitorToken)")
                .equals(true));
        return (String) chromium.script("return JSON.parse(localStorage.getItem('grat')).visitorId");
    }
}
