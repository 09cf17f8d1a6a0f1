package dev.grat.server.audit;

import dev.grat.server.config.SecretFile;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Keyed pseudonyms of data subjects for the audit log: HMAC-SHA-256 of the subject's kind and id with a key kept in
 * {@code <data>/audit/pseudonym.key} (32 random bytes, owner-readable only, made on first use). Whoever holds the key
 * (the shop's auditor, on the server) can check "was subject X accessed" by computing the pseudonym of X; the log
 * alone names nobody, and without the key a pseudonym cannot be tested against guessed ids.
 */
public final class SubjectPseudonyms {

    /** The file name inside the audit directory. */
    public static final String KEY_FILE = "pseudonym.key";

    private static final int KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    private SubjectPseudonyms(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** The pseudonyms keyed by {@code auditDir/pseudonym.key}, which is created if missing. */
    public static SubjectPseudonyms inDirectory(Path auditDir) {
        return new SubjectPseudonyms(readOrCreate(auditDir.resolve(KEY_FILE)));
    }

    /** Pseudonyms under a key held in memory (at least 32 bytes), for tests and embedding. */
    public static SubjectPseudonyms of(byte[] key) {
        if (key.length < KEY_BYTES) {
            throw new IllegalArgumentException("a pseudonym key needs at least " + KEY_BYTES + " bytes");
        }
        return new SubjectPseudonyms(key.clone());
    }

    /**
     * The pseudonym of one subject: 64 hex digits. The kind is part of the input, so that a visitor and a customer
     * with the same id get different pseudonyms.
     */
    public String of(String kind, String id) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            update(mac, Objects.requireNonNull(kind, "kind"));
            update(mac, Objects.requireNonNull(id, "id"));
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        }
    }

    private static void update(Mac mac, String part) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        mac.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        mac.update(bytes);
    }

    private static byte[] readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length < KEY_BYTES) {
                throw new IllegalStateException("the audit pseudonym key " + file + " holds " + bytes.length
                        + " bytes; it needs " + KEY_BYTES);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the audit pseudonym key " + file, e);
        }
    }

    /** Creates the file owner-readable only; if another process won the race, its key is read instead. */
    private static void create(Path file) throws IOException {
        byte[] bytes = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(bytes);
        SecretFile.createOnce(file, bytes);
    }
}
