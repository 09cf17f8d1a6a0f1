package dev.grat.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Parsing of command-line option values for the offline tools ({@code grat eval}, {@code grat privacy-tradeoff},
 * {@code grat bench spark}): a value out of range or not a number is an {@link IllegalArgumentException} whose
 * message names the option and its range, which the commands print with their usage.
 */
public final class OptionValues {

    private OptionValues() {
    }

    /** A number from {@code min} to {@code max}, inclusive. */
    public static double number(String option, String value, double min, double max) {
        try {
            double parsed = Double.parseDouble(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the range
        }
        throw new IllegalArgumentException(option + " must be a number from " + min + " to " + max + ", was '"
                + value + "'");
    }

    /** A whole number from {@code min} to {@code max}, inclusive. */
    public static long whole(String option, String value, long min, long max) {
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the range
        }
        throw new IllegalArgumentException(option + " must be a whole number from " + min + " to " + max
                + ", was '" + value + "'");
    }

    /** A comma-separated list of numbers, each from {@code min} to {@code max}. */
    public static List<Double> numbers(String option, String value, double min, double max) {
        List<Double> values = new ArrayList<>();
        for (String part : value.split(",")) {
            values.add(number(option, part.trim(), min, max));
        }
        return List.copyOf(values);
    }
}
