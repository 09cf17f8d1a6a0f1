package dev.grat.event;

/** What is wrong with one field of an input, e.g. {@code items[0].price: must not be negative}. */
public record FieldError(String field, String message) {

    /** The error as one line: the field, a colon and the message. */
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
