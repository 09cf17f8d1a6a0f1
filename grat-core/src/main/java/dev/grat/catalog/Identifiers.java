package dev.grat.catalog;

import dev.grat.event.FieldError;

import java.util.List;

/**
 * The rule for every id Grat accepts (visitor, customer, event, item): 1 to 128 letters, digits and
 * {@code . _ - :}. No {@code @}, so that nobody sends an e-mail address where a pseudonymous id belongs.
 */
public final class Identifiers {

    public static final int MAX_LENGTH = 128;

    private Identifiers() {
    }

    /** Adds an error to {@code errors} when {@code value} is missing or not a valid id. */
    public static void check(String value, String field, List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            errors.add(new FieldError(field, "is required"));
        } else {
            checkPresent(value, field, errors);
        }
    }

    /** Like {@link #check} for an optional id: null is fine. */
    public static void checkOptional(String value, String field, List<FieldError> errors) {
        if (value != null) {
            checkPresent(value, field, errors);
        }
    }

    /** Whether {@code value} is a valid id. */
    public static boolean isValid(String value) {
        return value != null && !value.isEmpty() && value.length() <= MAX_LENGTH && allAllowed(value);
    }

    private static void checkPresent(String value, String field, List<FieldError> errors) {
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            errors.add(new FieldError(field, "must be 1 to " + MAX_LENGTH + " characters, was " + value.length()));
        } else if (value.indexOf('@') >= 0) {
            errors.add(new FieldError(field, "looks like an e-mail address; send a pseudonymous id instead"));
        } else if (!allAllowed(value)) {
            errors.add(new FieldError(field, "may hold only letters, digits and . _ - : characters"));
        }
    }

    /** A plain loop, not {@code chars().allMatch}: this runs for every id of every event, and the stream allocated. */
    private static boolean allAllowed(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (!allowed(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean allowed(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == ':';
    }
}
