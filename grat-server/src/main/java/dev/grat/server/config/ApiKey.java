package dev.grat.server.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * An API key. Its {@link #toString()} never shows the key, so that a key cannot reach a log by accident,
 * and {@link #matches(String)} takes the same time however much of a guess is right.
 */
public final class ApiKey {

    /** Keys shorter than this are refused: they could be guessed. */
    public static final int MIN_LENGTH = 24;

    private final byte[] digest;
    private final int length;

    private ApiKey(String value) {
        this.digest = sha256(value);
        this.length = value.length();
    }

    /** A key with the given value; blank values are refused. */
    public static ApiKey of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("an API key must not be blank");
        }
        return new ApiKey(value);
    }

    /** A new random key: the prefix and 32 random bytes, base64url-encoded (43 characters). */
    public static String generate(String prefix, SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Whether the presented value is this key. Both sides are hashed first, so the comparison's time depends
     * neither on the key's length nor on how many leading characters of the guess are right.
     */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    /** The number of characters of the key. */
    public int length() {
        return length;
    }

    @Override
    public String toString() {
        return "****** (" + length + " characters)";
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
