package dev.grat.eval.recommend;

import dev.grat.event.EventType;
import dev.grat.recommend.model.EventWeights;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads the dataset formats {@code grat eval} understands; a malformed line is an error naming file and line. */
public final class DatasetReader {

    /** The formats, as given to {@code --format}. */
    public enum Format {
        /** MovieLens 100K {@code u.data}: user, item, rating, timestamp, tab separated. */
        ML100K,
        /** MovieLens {@code ratings.csv} of the latest releases: header userId,movieId,rating,timestamp. */
        MOVIELENS,
        /** Time-ordered sequences, one user per line: {@code user item1 item2 ...} (the Amazon 5-core sets). */
        SEQUENCES,
        /** Generic CSV: user,item,timestamp[,event type or weight]; an optional header line. */
        CSV,
        /** A split made elsewhere: user, item, weight, timestamp, tab separated, no header. */
        SPLIT;

        /** The format of a {@code --format} value; throws {@link IllegalArgumentException} naming the option. */
        public static Format parse(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "ml100k", "u.data" -> ML100K;
                case "movielens", "ml" -> MOVIELENS;
                case "amazon", "sequences" -> SEQUENCES;
                case "csv" -> CSV;
                case "split", "tsv" -> SPLIT;
                default -> throw new IllegalArgumentException("--format must be auto, ml100k, movielens, amazon, csv"
                        + " or split, was '" + name + "'");
            };
        }
    }

    private DatasetReader() {
    }

    /** Guesses the format from the file name and its first line. */
    public static Format detect(Path path) throws IOException {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.equals("u.data")) {
            return Format.ML100K;
        }
        String first = firstLine(path).orElse("");
        if (name.endsWith(".csv")) {
            return first.startsWith("userId,movieId,rating") ? Format.MOVIELENS : Format.CSV;
        }
        if (first.contains("\t")) {
            return first.split("\t").length >= 4 ? Format.SPLIT : Format.ML100K;
        }
        return Format.SEQUENCES;
    }

    /** Reads a whole file; a malformed line is an {@link IllegalArgumentException} naming the file and line. */
    public static Dataset read(Path path, Format format) throws IOException {
        List<Rating> ratings = new ArrayList<>();
        boolean weighted = format == Format.CSV;
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line;
            long number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                Location at = new Location(path, number);
                switch (format) {
                    case ML100K -> ratings.add(columns(line.split("\t"), 4, at, number));
                    case SPLIT -> ratings.add(columns(line.split("\t"), 4, at, number));
                    case MOVIELENS -> {
                        if (number > 1 || !line.startsWith("userId")) {
                            ratings.add(columns(line.split(","), 4, at, number));
                        }
                    }
                    case SEQUENCES -> sequence(line, at, ratings);
                    case CSV -> csv(line, at, number, ratings);
                }
            }
        }
        if (ratings.isEmpty()) {
            throw new IllegalArgumentException(path + " holds no interactions");
        }
        return new Dataset(path.getFileName() + " (" + format.name().toLowerCase(Locale.ROOT) + ")", ratings, weighted);
    }

    /** user, item, value, timestamp */
    private static Rating columns(String[] fields, int expected, Location at, long number) {
        if (fields.length < expected) {
            throw at.error("expected " + expected + " fields (user, item, value, timestamp), found " + fields.length);
        }
        return new Rating(text(fields[0], "user", at), text(fields[1], "item", at), number(fields[2], "value", at),
                (long) number(fields[3], "timestamp", at), number);
    }

    private static void sequence(String line, Location at, List<Rating> ratings) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length < 2) {
            throw at.error("expected a user id followed by at least one item id");
        }
        for (int position = 1; position < fields.length; position++) {
            ratings.add(new Rating(fields[0], fields[position], 1, position, ratings.size()));
        }
    }

    private static void csv(String line, Location at, long number, List<Rating> ratings) {
        String[] fields = line.split(",");
        if (fields.length < 3) {
            throw at.error("expected user,item,timestamp[,type or weight], found " + fields.length + " fields");
        }
        if (number == 1 && parseTime(fields[2].trim()).isEmpty()) {
            return;
        }
        long timestamp = parseTime(fields[2].trim()).orElseThrow(
                () -> at.error("timestamp must be epoch seconds or an ISO-8601 instant, was '" + fields[2] + "'"));
        double weight = fields.length > 3 ? weightOf(fields[3].trim(), at) : 1;
        if (weight > 0) {
            ratings.add(new Rating(text(fields[0], "user", at), text(fields[1], "item", at), weight, timestamp, number));
        }
    }

    private static double weightOf(String field, Location at) {
        try {
            return Double.parseDouble(field);
        } catch (NumberFormatException notNumber) {
            EventType type = EventType.fromWire(field).orElseThrow(() -> at.error("the fourth field must be a weight"
                    + " or an event type (" + EventType.wireNames() + "), was '" + field + "'"));
            return EventWeights.defaults().weightOf(type);
        }
    }

    private static Optional<Long> parseTime(String field) {
        try {
            return Optional.of((long) Double.parseDouble(field));
        } catch (NumberFormatException notNumber) {
            try {
                return Optional.of(Instant.parse(field).getEpochSecond());
            } catch (DateTimeParseException notInstant) {
                return Optional.empty();
            }
        }
    }

    private static String text(String field, String name, Location at) {
        String value = field.trim();
        if (value.isEmpty()) {
            throw at.error(name + " must not be empty");
        }
        return value;
    }

    private static double number(String field, String name, Location at) {
        try {
            double value = Double.parseDouble(field.trim());
            if (!Double.isFinite(value)) {
                throw at.error(name + " must be finite, was '" + field + "'");
            }
            return value;
        } catch (NumberFormatException e) {
            throw at.error(name + " must be a number, was '" + field + "'");
        }
    }

    private static Optional<String> firstLine(Path path) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return Optional.ofNullable(reader.readLine());
        }
    }

    private record Location(Path path, long line) {
        IllegalArgumentException error(String message) {
            return new IllegalArgumentException(path + " line " + line + ": " + message);
        }
    }
}
