package dev.grat.server.web;

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
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * The server's key for signing visitor tokens and e-mail links (HMAC-SHA256). It lives in the data directory
 * ({@code signing.key}, 32 random bytes, readable by the owner only), so that tokens and links in newsletters
 * already sent stay valid across restarts and key rotations of the API keys. The file is created on first use,
 * so a server that never signs anything leaves no file behind.
 */
public final class SigningKey {

    /** The file name inside the data directory. */
    public static final String FILE_NAME = "signing.key";

    private static final int KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final Path file;
    private volatile SecretKeySpec key;

    private SigningKey(Path file, SecretKeySpec key) {
        this.file = file;
        this.key = key;
    }

    /** The key kept in {@code dataDir/signing.key}, read (or created) on first use. */
    public static SigningKey inDataDirectory(Path dataDir) {
        return new SigningKey(dataDir.resolve(FILE_NAME), null);
    }

    /** A key held in memory only, for tests and embedding. At least 32 bytes. */
    public static SigningKey of(byte[] key) {
        if (key.length < KEY_BYTES) {
            throw new IllegalArgumentException("a signing key needs at least " + KEY_BYTES + " bytes, was "
                    + key.length);
        }
        return new SigningKey(null, new SecretKeySpec(key.clone(), ALGORITHM));
    }

    /**
     * The MAC of {@code parts} for one {@code purpose}. Each part is length-prefixed, so no two different lists
     * of parts sign the same bytes, and a token made for one purpose never verifies for another.
     */
    byte[] sign(String purpose, String... parts) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key());
            update(mac, purpose);
            for (String part : parts) {
                update(mac, part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        }
    }

    /** Whether {@code presented} is the MAC of the parts; compared in constant time. */
    boolean verify(byte[] presented, String purpose, String... parts) {
        return MessageDigest.isEqual(sign(purpose, parts), presented);
    }

    private static void update(Mac mac, String part) {
        byte[] bytes = Objects.requireNonNull(part, "part").getBytes(StandardCharsets.UTF_8);
        mac.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        mac.update(bytes);
    }

    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            synchronized (this) {
                if (key == null) {
                    key = new SecretKeySpec(readOrCreate(file), ALGORITHM);
                }
                current = key;
            }
        }
        return current;
    }

    private static byte[] readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length < KEY_BYTES) {
                throw new IllegalStateException("the signing key " + file + " holds " + bytes.length
                        + " bytes; it needs " + KEY_BYTES + ". Delete it to make a new one (this invalidates"
                        + " visitor tokens and e-mail links already given out)");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the signing key " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates the file owner-readable only, failing if it exists (another process won the race: its key is
     * read instead), then writes the key.
     */
    private static void create(Path file) throws IOException {
        byte[] bytes = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(bytes);
        SecretFile.createOnce(file, bytes);
    }
}
