package dev.grat.server.web;

import dev.grat.server.http.RunningServer;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Requests as the snippet sends them from a shop's page: the publishable key and the shop's Origin. */
final class Browser {

    private final RunningServer server;

    Browser(RunningServer server) {
        this.server = server;
    }

    HttpResponse<String> post(String path, String json) {
        return server.send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> postWithGpc(String path, String json) {
        return server.send(request(path).header("Content-Type", "application/json").header("Sec-GPC", "1")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> get(String path) {
        return server.send(request(path).GET().build());
    }

    private HttpRequest.Builder request(String path) {
        return server.anonymousRequest(path)
                .header("Authorization", "Bearer " + RunningServer.PUBLISHABLE_KEY)
                .header("Origin", RunningServer.SHOP_ORIGIN);
    }

    static String firstConsent(String visitorId, boolean marketing) {
        return """
                {"visitorId": "%s", "purposes": {"analytics": true, "personalization": true, "marketing": %s},
                 "source": "banner", "policyVersion": "2026-01"}""".formatted(visitorId, marketing);
    }

    static String consentWithToken(String visitorId, String token, boolean personalization) {
        return """
                {"visitorId": "%s", "visitorToken": "%s", "purposes": {"personalization": %s},
                 "source": "privacy-center", "policyVersion": "2026-01"}"""
                .formatted(visitorId, token, personalization);
    }

    static String token(String token) {
        return "{\"visitorToken\": \"" + token + "\"}";
    }
}
