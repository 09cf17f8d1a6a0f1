package dev.grat.decide;

import java.util.List;

/** The shop's top-level categories in the order to show them to one visitor. */
public record Navigation(List<NavigationEntry> categories, boolean personalized, String reason) {

    public Navigation {
        categories = List.copyOf(categories);
    }
}
