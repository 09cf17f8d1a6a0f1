package dev.grat.server.json;

import dev.grat.event.FieldError;

import java.util.List;

/**
 * The result of reading one value from JSON: the value, or the errors that kept it from being read.
 *
 * @param value  the value read; null when {@code errors} is not empty
 * @param errors what is wrong, each naming the full field path; empty on success
 */
public record Parsed<T>(T value, List<FieldError> errors) {

    public Parsed {
        errors = List.copyOf(errors);
    }

    public static <T> Parsed<T> ok(T value) {
        return new Parsed<>(value, List.of());
    }

    public static <T> Parsed<T> failed(List<FieldError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a failed parse needs at least one error");
        }
        return new Parsed<>(null, errors);
    }

    /** True when the value was read without errors. */
    public boolean isValid() {
        return errors.isEmpty();
    }
}
