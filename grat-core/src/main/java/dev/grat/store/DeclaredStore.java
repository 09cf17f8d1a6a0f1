package dev.grat.store;

import dev.grat.declared.Declaration;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Declared preferences ({@link Declaration}), at most one per visitor. A put replaces the visitor's declaration
 * whole, and the replaced one must not stay readable in the store's files (rectification). The declaration of a
 * visitor is removed by {@link Store#eraseVisitor} with the rest of the visitor's records.
 */
public interface DeclaredStore {

    /** Keeps the declaration durably, replacing the visitor's previous one. */
    void put(Declaration declaration);

    /** The visitor's declaration, if any. */
    Optional<Declaration> get(String visitorId);

    /** Removes the visitor's declaration (a withdrawal of consent); true if there was one. */
    boolean erase(String visitorId);

    /**
     * Retention: removes every declaration made before {@code cutoff} and returns their visitor ids. The deleted rows
     * may stay in free space until {@link Store#scrubErased()}.
     */
    List<String> eraseBefore(Instant cutoff);

    /** Every declaration (start-up and the transparency report). */
    void forEach(Consumer<Declaration> action);
}
