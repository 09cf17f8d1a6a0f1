package dev.grat.decide.bandit;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the shop knows about the request itself, without any visitor data.
 *
 * @param channel     where the decision is shown, e.g. {@code web}, {@code app}, {@code email}; may be null
 * @param deviceClass e.g. {@code desktop}, {@code mobile}, {@code tablet}; may be null
 * @param extra       the shop's own request features, e.g. {@code page=home -> 1.0}; names as for candidate features
 */
public record RequestContext(String channel, String deviceClass, Map<String, Double> extra) {

    public RequestContext {
        extra = extra == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(extra));
    }

    /** A context with channel and device class only. */
    public static RequestContext of(String channel, String deviceClass) {
        return new RequestContext(channel, deviceClass, Map.of());
    }

    /** A context without any information. */
    public static RequestContext none() {
        return new RequestContext(null, null, Map.of());
    }
}
