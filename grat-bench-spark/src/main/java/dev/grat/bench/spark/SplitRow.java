package dev.grat.bench.spark;

/**
 * One line of a split file as {@code grat eval --train FILE --test FILE} reads it.
 *
 * @param user      user id
 * @param item      item id
 * @param weight    the rating or strength (grat eval counts every line 1 unless given {@code --weighted})
 * @param timestamp when it happened, epoch seconds
 */
public record SplitRow(String user, String item, double weight, long timestamp) {

    public SplitRow {
        requireId(user, "user");
        requireId(item, "item");
        if (!Double.isFinite(weight)) {
            throw new IllegalArgumentException("weight must be finite, was " + weight);
        }
    }

    private static void requireId(String id, String name) {
        if (id == null || id.isBlank() || id.contains("\t") || id.contains("\n")) {
            throw new IllegalArgumentException(name + " must be a non-blank id without tabs or line breaks, was '"
                    + id + "'");
        }
    }
}
