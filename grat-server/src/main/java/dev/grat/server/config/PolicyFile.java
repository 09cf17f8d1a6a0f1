package dev.grat.server.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.grat.InvalidInputException;
import dev.grat.privacy.policy.DataPolicy;
import dev.grat.privacy.policy.PolicyReader;
import dev.grat.privacy.policy.PolicyWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads the data policy file ({@code --policy FILE}, {@code policy.file}, {@code GRAT_POLICY_FILE}): JSON, or YAML
 * when the name ends in {@code .yaml} or {@code .yml}. The parser only makes a tree; the core's {@link PolicyReader}
 * checks it, so that JSON and YAML get the same errors, each naming its path.
 */
public final class PolicyFile {

    private PolicyFile() {
    }

    /**
     * The policy in {@code file}.
     *
     * @throws ConfigException naming the file and, for an invalid policy, every field at fault
     */
    public static DataPolicy load(Path file) {
        Object tree;
        try {
            tree = mapperFor(file).readValue(Files.readString(file), Object.class);
        } catch (NoSuchFileException e) {
            throw new ConfigException("data policy file " + file + " does not exist");
        } catch (JacksonException e) {
            throw new ConfigException("data policy file " + file + " is not valid " + format(file) + ": "
                    + e.getOriginalMessage() + locationOf(e), e);
        } catch (IOException e) {
            throw new ConfigException("cannot read the data policy file " + file + ": " + e.getMessage(), e);
        }
        try {
            return PolicyReader.read(tree);
        } catch (InvalidInputException e) {
            throw new ConfigException("data policy file " + file + " is invalid:\n  "
                    + String.join("\n  ", e.errors().stream().map(Object::toString).toList()));
        }
    }

    /** The policy as pretty-printed JSON, in the form {@link #load} reads. */
    public static String toJson(DataPolicy policy) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(PolicyWriter.tree(policy)) + "\n";
        } catch (JacksonException e) {
            throw new IllegalStateException("a policy tree holds only maps, lists and strings", e);
        }
    }

    private static ObjectMapper mapperFor(Path file) {
        return isYaml(file) ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper();
    }

    private static boolean isYaml(Path file) {
        String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    private static String format(Path file) {
        return isYaml(file) ? "YAML" : "JSON";
    }

    private static String locationOf(JacksonException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
