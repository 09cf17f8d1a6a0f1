package dev.grat.bench.spark;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files the driver and the Spark worker exchange: split files in the format of
 * {@code grat eval --train/--test} ({@code user<TAB>item<TAB>weight<TAB>timestamp}, no header), and the
 * worker's recommendation lists ({@code user<TAB>item<TAB>item...}, best first).
 */
public final class SplitFiles {

    private SplitFiles() {
    }

    /** Writes rows in order; the order matters, as grat eval carves its validation split in file order. */
    public static void write(Path file, List<SplitRow> rows) throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (SplitRow row : rows) {
                writer.write(row.user());
                writer.write('\t');
                writer.write(row.item());
                writer.write('\t');
                writer.write(number(row.weight()));
                writer.write('\t');
                writer.write(Long.toString(row.timestamp()));
                writer.newLine();
            }
        }
    }

    /** Reads the worker's lists: user id to recommended item ids, best first; a user listed twice is an error. */
    public static Map<String, List<String>> readLists(Path file) throws IOException {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split("\t");
                if (fields[0].isBlank()) {
                    throw new IllegalArgumentException(file + " line " + number + ": the user id is empty");
                }
                List<String> items = new ArrayList<>(List.of(fields).subList(1, fields.length));
                if (lists.put(fields[0], List.copyOf(items)) != null) {
                    throw new IllegalArgumentException(file + " line " + number + ": user '" + fields[0]
                            + "' is listed twice");
                }
            }
        }
        return lists;
    }

    /** Whole numbers without a decimal point (MovieLens' 4.0 is written 4), others as Java prints them. */
    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
