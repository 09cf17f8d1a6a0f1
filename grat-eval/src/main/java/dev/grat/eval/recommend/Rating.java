package dev.grat.eval.recommend;

/**
 * One interaction read from a dataset.
 *
 * @param user      user id as in the file
 * @param item      item id as in the file
 * @param value     the rating, or the interaction strength for weighted formats
 * @param timestamp when it happened (seconds, or the position in a time-ordered sequence)
 * @param sequence  the line order in the file, to break timestamp ties stably
 */
public record Rating(String user, String item, double value, long timestamp, long sequence) {
}
