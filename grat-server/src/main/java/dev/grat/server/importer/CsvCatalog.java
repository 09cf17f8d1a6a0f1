package dev.grat.server.importer;

import dev.grat.InvalidInputException;
import dev.grat.catalog.Item;
import dev.grat.event.FieldError;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads catalog items from CSV. The header names the columns: {@code id}, {@code title}, {@code category}
 * and {@code price} are required, {@code brand} and {@code available} optional (an empty {@code available}
 * means true), and every further column becomes an attribute of that name (empty values are left out).
 */
final class CsvCatalog {

    static final String EXPECTED_HEADER = "id,title,category,brand,price,available";
    private static final List<String> REQUIRED = List.of("id", "title", "category", "price");
    private static final Set<String> KNOWN = Set.of("id", "title", "category", "brand", "price", "available");

    private final CsvReader csv;
    private final List<String> columns;
    private final Map<String, Integer> indexOf = new HashMap<>();

    private CsvCatalog(CsvReader csv, List<String> columns) {
        this.csv = csv;
        this.columns = columns;
        for (int i = 0; i < columns.size(); i++) {
            indexOf.put(columns.get(i), i);
        }
    }

    /** Reads and checks the header. */
    static CsvCatalog open(CsvReader csv) throws IOException {
        List<String> header = csv.next();
        if (header == null) {
            throw new InvalidInputException("header", "the file is empty; expected a header such as " + EXPECTED_HEADER);
        }
        List<String> columns = header.stream().map(name -> name.strip().replace("\uFEFF", "")).toList();
        List<FieldError> errors = new ArrayList<>();
        for (String required : REQUIRED) {
            if (!columns.contains(required)) {
                errors.add(new FieldError("header", "has no column \"" + required + "\"; expected " + EXPECTED_HEADER
                        + " and any further columns as attributes"));
            }
        }
        if (columns.stream().distinct().count() != columns.size() || columns.contains("")) {
            errors.add(new FieldError("header", "names a column twice or has an empty column name: " + columns));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new CsvCatalog(csv, columns);
    }

    /** Reads every record into the loader, reporting bad records to the run with their line number. */
    void readInto(ImportRun run, ItemLoader loader) throws IOException {
        List<String> record;
        while ((record = nextRecord(run)) != null) {
            if (record.size() == 1 && record.getFirst().isBlank()) {
                continue;
            }
            run.record();
            long line = csv.recordLine();
            if (record.size() != columns.size()) {
                run.rejected(line, "columns", "has " + record.size() + " fields; the header has " + columns.size());
                continue;
            }
            List<FieldError> errors = new ArrayList<>();
            Item item = item(record, errors);
            if (errors.isEmpty()) {
                loader.add(line, item);
            } else {
                run.rejected(line, errors);
            }
        }
    }

    /** The next record, or null at the end or after a syntax error (which is reported: the rest cannot be read). */
    private List<String> nextRecord(ImportRun run) throws IOException {
        try {
            return csv.next();
        } catch (CsvReader.CsvFormatException e) {
            run.record();
            run.rejected(e.line(), "csv", e.getMessage() + "; the rest of the file was not read");
            return null;
        }
    }

    private Item item(List<String> record, List<FieldError> errors) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            if (!KNOWN.contains(columns.get(i)) && !record.get(i).isEmpty()) {
                attributes.put(columns.get(i), record.get(i));
            }
        }
        String brand = value(record, "brand");
        return new Item(value(record, "id"), value(record, "title"), value(record, "category"),
                brand == null || brand.isEmpty() ? null : brand, price(value(record, "price"), errors),
                available(value(record, "available"), errors), attributes);
    }

    private String value(List<String> record, String column) {
        Integer index = indexOf.get(column);
        return index == null ? null : record.get(index);
    }

    private static BigDecimal price(String text, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            errors.add(new FieldError("price", "is required"));
            return null;
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            errors.add(new FieldError("price", "must be a decimal number such as 19.99, was \"" + text + "\""));
            return null;
        }
    }

    private static boolean available(String text, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return true;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> {
                errors.add(new FieldError("available", "must be true or false, was \"" + text + "\""));
                yield true;
            }
        };
    }
}
