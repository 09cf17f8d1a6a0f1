package dev.grat.server.web;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailLinksTest {

    private static final URI SALE = URI.create("https://shop.example/sale?utm_campaign=spring");

    private final EmailLinks links = new EmailLinks(SigningKey.of(VisitorTokensTest.bytes(7)));

    @Test
    void clickToken_carriesRecipientCampaignAndTarget() {
        EmailLinks.Click click = links.click(links.clickToken("nl-42", "spring-sale", SALE));

        assertThat(click).isEqualTo(new EmailLinks.Click("nl-42", "spring-sale", SALE));
    }

    @Test
    void clickTokenPointedAtAnotherSite_isRefused_soThereIsNoOpenRedirect() {
        String token = links.clickToken("nl-42", "spring-sale", SALE);
        String mac = token.substring(token.indexOf('.') + 1);
        String forged = encode("nl-42\nspring-sale\nhttps://evil.example/") + "." + mac;

        assertThatThrownBy(() -> links.click(forged))
                .isInstanceOfSatisfying(WebError.class, error -> assertThat(error.status()).isEqualTo(404));
    }

    @Test
    void openToken_isNoClickToken_andAClickTokenIsNoOpenToken() {
        String open = links.openToken("nl-42", "spring-sale");
        String click = links.clickToken("nl-42", "spring-sale", SALE);

        assertThat(links.open(open)).isEqualTo(new EmailLinks.Open("nl-42", "spring-sale"));
        assertThatThrownBy(() -> links.click(open)).isInstanceOf(WebError.class);
        assertThatThrownBy(() -> links.open(click)).isInstanceOf(WebError.class);
    }

    @Test
    void garbageTokens_areRefused() {
        for (String token : new String[] {"", "abc", "a.b.c", "!!!.???", encode("nl-42\nspring") + ".AAAA"}) {
            assertThatThrownBy(() -> links.open(token)).as(token).isInstanceOf(WebError.class);
        }
    }

    @Test
    void targets_mustBeAbsoluteWebUrlsWithoutUserInfo() {
        assertThat(EmailLinks.checkTarget("https://shop.example/a?b=c", new StringBuilder())).isPresent();
        assertThat(problem("javascript:alert(1)")).contains("http or https");
        assertThat(problem("/relative/path")).contains("http or https");
        assertThat(problem("https://user:pw@shop.example/")).contains("no user info");
        assertThat(problem("https://shop.example/" + "a".repeat(EmailLinks.MAX_TARGET_LENGTH))).contains("at most");
        assertThat(problem("https://shop example/")).contains("not a valid URL");
    }

    private static String problem(String target) {
        StringBuilder problem = new StringBuilder();
        assertThat(EmailLinks.checkTarget(target, problem)).isEmpty();
        return problem.toString();
    }

    private static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
