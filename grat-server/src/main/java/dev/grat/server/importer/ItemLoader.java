package dev.grat.server.importer;

import dev.grat.Grat;
import dev.grat.InvalidInputException;
import dev.grat.catalog.Item;
import dev.grat.event.FieldError;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts parsed items into the engine in batches. The engine refuses a whole batch when one item is invalid
 * and names each bad one as {@code items[i].field}; the loader reports those items with their line numbers
 * and puts the rest of the batch again.
 */
final class ItemLoader {

    private static final Pattern ITEM_FIELD = Pattern.compile("^items\\[(\\d+)]\\.?(.*)$");

    private final Grat grat;
    private final ImportRun run;
    private final int batchSize;
    private final List<Long> lines = new ArrayList<>();
    private final List<Item> items = new ArrayList<>();

    ItemLoader(Grat grat, ImportRun run) {
        this.grat = grat;
        this.run = run;
        this.batchSize = grat.settings().maxBatchSize();
    }

    void add(long line, Item item) {
        lines.add(line);
        items.add(item);
        if (items.size() >= batchSize) {
            flush();
        }
    }

    void flush() {
        if (!items.isEmpty()) {
            put(List.copyOf(lines), List.copyOf(items), true);
            lines.clear();
            items.clear();
        }
    }

    private void put(List<Long> batchLines, List<Item> batch, boolean retry) {
        try {
            grat.putItems(batch);
            run.accepted(batch.size());
        } catch (InvalidInputException e) {
            Map<Integer, List<FieldError>> byItem = errorsByItem(e.errors(), batch.size());
            if (!retry || byItem == null) {
                for (Long line : batchLines) {
                    run.rejected(line, e.errors());
                }
                return;
            }
            List<Long> goodLines = new ArrayList<>();
            List<Item> good = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                if (byItem.containsKey(i)) {
                    run.rejected(batchLines.get(i), byItem.get(i));
                } else {
                    goodLines.add(batchLines.get(i));
                    good.add(batch.get(i));
                }
            }
            if (!good.isEmpty()) {
                put(goodLines, good, false);
            }
        }
    }

    /** The errors per item index with the {@code items[i].} prefix taken off; null if one names no item. */
    private static Map<Integer, List<FieldError>> errorsByItem(List<FieldError> errors, int batchSize) {
        Map<Integer, List<FieldError>> byItem = new LinkedHashMap<>();
        for (FieldError error : errors) {
            Matcher matcher = ITEM_FIELD.matcher(error.field());
            if (!matcher.matches() || Integer.parseInt(matcher.group(1)) >= batchSize) {
                return null;
            }
            String field = matcher.group(2).isEmpty() ? "item" : matcher.group(2);
            byItem.computeIfAbsent(Integer.parseInt(matcher.group(1)), i -> new ArrayList<>())
                    .add(new FieldError(field, error.message()));
        }
        return byItem;
    }
}
