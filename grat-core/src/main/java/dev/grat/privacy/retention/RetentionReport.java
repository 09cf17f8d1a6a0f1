package dev.grat.privacy.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one run of the {@link RetentionJob} removed.
 *
 * @param ranAt           the clock's time the cutoffs were computed from
 * @param categories      per kind of record: its period, the cutoff used and how many records were removed
 * @param profilesRebuilt visitors whose profile (and share of the co-occurrence counts) was rebuilt from the events
 *                        they still have
 * @param removedFrom     the places the expired data left (store, memory, models), in words
 * @param millis          how long the run took
 */
public record RetentionReport(Instant ranAt, List<Category> categories, int profilesRebuilt, List<String> removedFrom,
                              long millis) {

    public RetentionReport {
        categories = List.copyOf(categories);
        removedFrom = List.copyOf(removedFrom);
    }

    /** How many records the run removed in all. */
    public long totalRemoved() {
        return categories.stream().mapToLong(Category::removed).sum();
    }

    /** The category with this name, e.g. {@code events.product_view}. */
    public Category category(String name) {
        return categories.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no retention category " + name));
    }

    /**
     * One kind of record.
     *
     * @param name    {@code events.<type>}, {@code anonymous tallies}, {@code decision log} or a hook's category
     * @param period  how long such records are kept
     * @param cutoff  records from before this instant were removed
     * @param removed how many were removed
     */
    public record Category(String name, Duration period, Instant cutoff, long removed) {
    }
}
