package dev.grat.server.config;

import dev.grat.privacy.pseudonym.PseudonymKeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The pseudonym keys of a server: the configured ones ({@code pseudonym.keys} / {@code GRAT_PSEUDONYM_KEYS}), else,
 * with the embedded store, the file {@value #FILE_NAME} in the data directory, created on first start with one
 * random key and readable by the owner only (like the signing key). Rotation: put a new {@code id:base64} line at
 * the top of the file (or the setting); the older keys below stay readable.
 *
 * <p>With PostgreSQL the keys must be configured: several nodes share the database and must pseudonymise alike,
 * and a key generated per node would split customers and make erasure by customer id miss records. The keys are
 * deliberately not kept in the database (as the store keeps its own blinding key): a pseudonym is only a
 * pseudonym while the key is kept apart from the data it protects (GDPR art. 4(5)), so a copy of the database
 * alone must not allow testing guessed e-mail addresses against it.
 */
public final class PseudonymKeyFile {

    /** The file name inside the data directory. */
    public static final String FILE_NAME = "pseudonym.keys";
    private static final String FIRST_KEY_ID = "k1";

    private PseudonymKeyFile() {
    }

    /**
     * The keys the server pseudonymises customer ids with.
     *
     * @throws ConfigException when the keys are unusable, or missing while the data is in PostgreSQL
     */
    public static PseudonymKeys resolve(ServerConfig config) {
        Optional<String> configured = config.pseudonymKeys();
        if (configured.isPresent()) {
            return PseudonymKeys.parse(configured.get());
        }
        if (config.store().isPresent()) {
            throw new ConfigException("with store (PostgreSQL) set pseudonym.keys or GRAT_PSEUDONYM_KEYS to the same"
                    + " keys on every node (id:base64 of 32 random bytes, e.g. k1:$(openssl rand -base64 32)):"
                    + " customer ids must be pseudonymised alike by all nodes");
        }
        return readOrCreate(config.dataDir().resolve(FILE_NAME));
    }

    /** Reads the keys in {@code file}, creating it with one random key first if it does not exist. */
    static PseudonymKeys readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return PseudonymKeys.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the pseudonym keys " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
    }

    /** Creates the file owner-readable only, failing if it exists (another process won: its keys are read). */
    private static void create(Path file) throws IOException {
        String content = "# Grat pseudonym keys: id:base64, current first. Keep older keys while data made with them"
                + " remains.\n" + FIRST_KEY_ID + ":" + PseudonymKeys.newEncodedSecret(new SecureRandom()) + "\n";
        SecretFile.createOnce(file, content.getBytes(StandardCharsets.UTF_8));
    }
}
