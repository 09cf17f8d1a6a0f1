package dev.grat.event;

import java.math.BigDecimal;

/** One line of a cart or purchase event. {@code price} is the unit price and may be null on cart events. */
public record LineItem(String itemId, int quantity, BigDecimal price) {
}
