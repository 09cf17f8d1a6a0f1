package dev.grat.event;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Where an event came from. */
public enum Channel {
    WEB("web"), APP("app"), EMAIL("email"), SHOP("shop");

    private final String wireName;

    Channel(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in the JSON wire format and the store. */
    public String wireName() {
        return wireName;
    }

    /** The channel with this wire name, if any. */
    public static Optional<Channel> fromWire(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(Wire.BY_NAME.get(name));
    }

    /** All wire names, for error messages. */
    public static String wireNames() {
        return Wire.NAMES;
    }

    /** Lookups built once: the wire format reads a type for every event it parses. */
    private static final class Wire {
        static final Map<String, Channel> BY_NAME = Arrays.stream(values())
                .collect(Collectors.toUnmodifiableMap(Channel::wireName, Function.identity()));
        static final String NAMES = String.join(", ", Arrays.stream(values()).map(Channel::wireName).toList());
    }
}
