package dev.grat.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** An answer: status, content type, body and extra headers. */
record Response(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final String JSON = "application/json; charset=utf-8";

    Response {
        headers = Map.copyOf(headers);
    }

    static Response json(ObjectMapper mapper, int status, JsonNode body) {
        try {
            return new Response(status, JSON, mapper.writeValueAsBytes(body), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    static Response text(int status, String contentType, String body) {
        return new Response(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static Response noContent(Map<String, String> headers) {
        return new Response(204, null, new byte[0], headers);
    }

    Response withHeaders(Map<String, String> extra) {
        Map<String, String> all = new HashMap<>(headers);
        all.putAll(extra);
        return new Response(status, contentType, body, all);
    }
}
