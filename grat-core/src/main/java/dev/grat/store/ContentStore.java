package dev.grat.store;

import dev.grat.decide.ContentVariant;

import java.util.List;
import java.util.Map;

/** The text variants a shop registered per content slot. */
public interface ContentStore {

    /** Replaces the variants of one slot. */
    void putSlot(String slot, List<ContentVariant> variants);

    /** Every slot with its variants, in the order they were registered. */
    Map<String, List<ContentVariant>> all();
}
