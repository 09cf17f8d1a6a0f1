package dev.grat.event;

/** An event of a batch that was not accepted: its position, its id if it had one, and why. */
public record Rejection(int index, String id, FieldError error) {
}
