package dev.grat.eval.bandit;

import dev.grat.decide.bandit.Candidate;
import dev.grat.decide.bandit.ContextFeatures;
import dev.grat.decide.bandit.FeatureGroup;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the Open Bandit Dataset format: {@code DIR/{random,bts}/{campaign}/{campaign}.csv} and
 * {@code item_context.csv} beside it (the format of the obd folder of st-tech/zr-obp).
 *
 * <p>Mapping to Grat's features, as the obp loader does it: {@code user_feature_0..3} (hashed categories) become
 * context features {@code user_feature_j=<hash>}; {@code user-item_affinity_k} become {@code affinity.item=k},
 * which meets the candidate feature {@code item=k}; the position becomes {@code position=p}; items carry
 * {@code item=k}, the numeric {@code item_feature_0} and the hashed {@code item_feature_1..3=<hash>}. The
 * {@code click} is the reward and {@code propensity_score} (called action_prob in the obd README) the
 * propensity. Hashes are shortened to 12 characters, which keeps them distinct within a campaign.
 */
public final class ObdReader {

    private static final int HASH = 12;

    private ObdReader() {
    }

    /** Reads one behaviour policy's log of one campaign. */
    public static ObdLog read(Path root, String behaviour, String campaign) throws IOException {
        Path folder = root.resolve(behaviour).resolve(campaign);
        Path log = folder.resolve(campaign + ".csv");
        Path items = folder.resolve("item_context.csv");
        for (Path required : List.of(log, items)) {
            if (!Files.isRegularFile(required)) {
                throw new IOException("missing " + required + " (expected the Open Bandit Dataset layout DIR/"
                        + behaviour + "/" + campaign + "/)");
            }
        }
        List<Candidate> candidates = readItems(items);
        List<BanditRound> rounds = new ArrayList<>();
        int positions = 0;
        try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            Header header = new Header(reader.readLine(), log);
            int[] userColumns = header.prefixed("user_feature_");
            int[] affinityColumns = header.prefixed("user-item_affinity_");
            int itemColumn = header.column("item_id");
            int positionColumn = header.column("position");
            int clickColumn = header.column("click");
            int propensityColumn = header.columnAny("propensity_score", "action_prob");
            String line;
            int lineNumber = 1;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                try {
                    int item = Integer.parseInt(cells[itemColumn]);
                    int position = Integer.parseInt(cells[positionColumn]) - 1;
                    positions = Math.max(positions, position + 1);
                    Map<String, Double> context = new HashMap<>();
                    context.put("position=" + (position + 1), 1.0);
                    for (int j = 0; j < userColumns.length; j++) {
                        context.put("user_feature_" + j + "=" + shorten(cells[userColumns[j]]), 1.0);
                    }
                    for (int k = 0; k < affinityColumns.length; k++) {
                        double affinity = Double.parseDouble(cells[affinityColumns[k]]);
                        if (affinity != 0) {
                            context.put("affinity.item=" + k, affinity);
                        }
                    }
                    Set<FeatureGroup> groups = affinityColumns.length > 0
                            ? EnumSet.of(FeatureGroup.REQUEST_CONTEXT, FeatureGroup.AFFINITIES) : EnumSet.of(FeatureGroup.REQUEST_CONTEXT);
                    rounds.add(new BanditRound(new ContextFeatures(context, groups), candidates, item, position,
                            Double.parseDouble(cells[propensityColumn]), Double.parseDouble(cells[clickColumn])));
                } catch (RuntimeException e) {
                    throw new IOException(log + " line " + lineNumber + ": " + e.getMessage(), e);
                }
            }
        }
        return new ObdLog(behaviour, campaign, candidates, positions, rounds);
    }

    private static List<Candidate> readItems(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new IOException(file + " is empty");
        }
        Header header = new Header(lines.getFirst(), file);
        int idColumn = header.column("item_id");
        int[] featureColumns = header.prefixed("item_feature_");
        Map<Integer, Candidate> byId = new HashMap<>();
        for (int n = 1; n < lines.size(); n++) {
            if (lines.get(n).isBlank()) {
                continue;
            }
            String[] cells = lines.get(n).split(",", -1);
            int id = Integer.parseInt(cells[idColumn]);
            Map<String, Double> features = new HashMap<>();
            features.put("item=" + id, 1.0);
            for (int j = 0; j < featureColumns.length; j++) {
                String value = cells[featureColumns[j]];
                if (j == 0) {
                    features.put("item_feature_0", Double.parseDouble(value));
                } else {
                    features.put("item_feature_" + j + "=" + shorten(value), 1.0);
                }
            }
            byId.put(id, new Candidate("item-" + id, features));
        }
        List<Candidate> items = new ArrayList<>();
        for (int id = 0; id < byId.size(); id++) {
            Candidate item = byId.get(id);
            if (item == null) {
                throw new IOException(file + ": item ids must run from 0 to " + (byId.size() - 1) + ", " + id + " is missing");
            }
            items.add(item);
        }
        return items;
    }

    private static String shorten(String hash) {
        return hash.length() <= HASH ? hash : hash.substring(0, HASH);
    }

    /** The columns of a CSV header (the first, unnamed column is the pandas row index). */
    private static final class Header {
        private final List<String> names;
        private final Path file;

        Header(String line, Path file) throws IOException {
            if (line == null) {
                throw new IOException(file + " is empty");
            }
            this.names = Arrays.asList(line.split(",", -1));
            this.file = file;
        }

        int column(String name) throws IOException {
            int index = names.indexOf(name);
            if (index < 0) {
                throw new IOException(file + " has no column '" + name + "'");
            }
            return index;
        }

        int columnAny(String first, String second) throws IOException {
            return names.contains(first) ? column(first) : column(second);
        }

        /** The columns {@code prefix0, prefix1, ...} in numeric order. */
        int[] prefixed(String prefix) {
            List<Integer> columns = new ArrayList<>();
            for (int k = 0; names.indexOf(prefix + k) >= 0; k++) {
                columns.add(names.indexOf(prefix + k));
            }
            return columns.stream().mapToInt(Integer::intValue).toArray();
        }
    }
}
