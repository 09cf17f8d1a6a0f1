package dev.grat.server.web;

import java.util.Map;

/**
 * An answer that is not JSON: a page, a script, the e-mail pixel, a redirect. The HTTP layer sends it as it is,
 * adding its common headers.
 *
 * @param contentType null for an answer without a body (a redirect)
 */
public record WebAnswer(int status, String contentType, byte[] body, Map<String, String> headers) {

    public WebAnswer {
        body = body.clone();
        headers = Map.copyOf(headers);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    static WebAnswer redirect(String location) {
        return new WebAnswer(302, null, new byte[0], Map.of("Location", location));
    }
}
