package dev.grat.server.http;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PathTemplateTest {

    private final PathTemplate consent = PathTemplate.of("/v1/consent/{visitorId}");

    @Test
    void parameter_isDecodedFromItsSegment() {
        assertThat(consent.match("/v1/consent/v%201+2%C3%A9")).hasValue(Map.of("visitorId", "v 1+2é"));
    }

    @Test
    void otherPaths_doNotMatch() {
        assertThat(consent.match("/v1/consent")).isEmpty();
        assertThat(consent.match("/v1/consent/")).isEmpty();
        assertThat(consent.match("/v1/consent/a/b")).isEmpty();
        assertThat(consent.match("/v1/consents/a")).isEmpty();
    }

    @Test
    void encodedSlash_staysInsideTheParameter() {
        assertThat(consent.match("/v1/consent/a%2Fb")).hasValue(Map.of("visitorId", "a/b"));
    }

    @Test
    void malformedEscape_isABadRequest() {
        assertThatThrownBy(() -> consent.match("/v1/consent/%zz"))
                .isInstanceOf(HttpError.class)
                .satisfies(e -> assertThat(((HttpError) e).status()).isEqualTo(400));
    }

    @Test
    void root_matchesOnlyTheEmptyPath() {
        PathTemplate root = PathTemplate.of("/");

        assertThat(root.match("/")).hasValue(Map.of());
        assertThat(root.match("/index.html")).isEmpty();
    }
}
