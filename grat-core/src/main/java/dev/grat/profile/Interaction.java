package dev.grat.profile;

import dev.grat.event.EventType;

import java.time.Instant;

/** One recent interaction of a visitor with a product. */
public record Interaction(EventType type, String itemId, Instant at) {
}
