package dev.grat.catalog;

import java.util.ArrayList;
import java.util.List;

/** Category paths are strings such as {@code Women/Shoes/Sneakers}. */
public final class CategoryPaths {

    private CategoryPaths() {
    }

    /** The path and its ancestors, the most general first. */
    public static List<String> lineage(String path) {
        if (path == null || path.isEmpty()) {
            return List.of();
        }
        List<String> lineage = new ArrayList<>();
        int slash = path.indexOf('/');
        while (slash > 0) {
            lineage.add(path.substring(0, slash));
            slash = path.indexOf('/', slash + 1);
        }
        lineage.add(path);
        return lineage;
    }

    /** Whether {@code path} is {@code ancestor} or lies below it. */
    public static boolean isWithin(String path, String ancestor) {
        return path != null && (path.equals(ancestor) || path.startsWith(ancestor + "/"));
    }

    /** The top-level category of a path. */
    public static String root(String path) {
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }
}
