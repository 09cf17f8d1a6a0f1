package dev.grat.event;

import java.util.Arrays;
import java.util.Optional;

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
        return Arrays.stream(values()).filter(c -> c.wireName.equals(name)).findFirst();
    }

    /** All wire names, for error messages. */
    public static String wireNames() {
        return String.join(", ", Arrays.stream(values()).map(Channel::wireName).toList());
    }
}
